import Cache
import CellOutput
import Foundation
import Notebook
import Prelude
import Report
import RunLimits
import Script

/// How a render uses the cache: on (front matter `cache: true` or `--cache`), where, and whether
/// to ignore what it holds for this run (`--refresh`, which still stores the new results).
public struct CacheSettings: Equatable, Sendable {
    /// `--cache`: cache even when the front matter does not ask for it.
    public var forced = false
    /// `--refresh`: run every cell, replacing what the cache held.
    public var refresh = false
    /// `--cache-dir`; nil: `.folio-cache/` beside the notebook.
    public var folder: String?

    public init(forced: Bool = false, refresh: Bool = false, folder: String? = nil) {
        self.forced = forced
        self.refresh = refresh
        self.folder = folder
    }
}

/// The cache during one run: each cell's key, its lookup, the state still to restore, and storing
/// the cells that ran.
///
/// A cell's key covers its source and options, the key of the cell before it (so everything
/// earlier), the parameters and seed, Folio's version and, once known, the contents of every file
/// it read. Hits are replayed without touching the interpreter; the state of the last hit is
/// restored only when something needs it (a cell that runs, or a value in the prose).
final class RunCache {
    let store: CacheStore
    let refresh: Bool
    private let notebook: String
    private let coding: PreludeSnapshots
    private var previousKey = ""
    /// The snapshot of the last replayed cell, not yet restored.
    private var pending: String?
    /// The files replayed cells read when they ran.
    private(set) var replayedReads: [String] = []
    /// File hashes by path, size and modification time, so one render hashes a file once.
    private var fileHashes: [String: (size: Int, modified: Double, hash: String)] = [:]

    init(store: CacheStore, refresh: Bool, notebook: String, coding: PreludeSnapshots) {
        self.store = store
        self.refresh = refresh
        self.notebook = notebook
        self.coding = coding
    }

    /// The key of a cell before the files it reads.
    func key(of cell: Cell, params: [(name: String, value: ParamValue)], seed: Int) -> String {
        var key = CacheKey(format: "folio-cell-cache-1")
        key.add("folio", Folio.version + " " + Self.build)
        key.add("previous", previousKey)
        key.add("source", cell.source)
        key.add("params", params.map { "\($0.name)=\($0.value)" }.joined(separator: "\n"))
        key.add("seed", String(seed))
        return key.value
    }

    /// The entry for `key` if every file it read is unchanged; it becomes the state to restore.
    func replay(_ key: String) -> CacheEntry? {
        guard !refresh, let entry = store.entry(key), store.contains(entry.snapshot),
              entry.filesRead.allSatisfy({ hash(of: $0.path) == $0.hash }) else { return nil }
        store.touch(key)
        replayedReads += entry.filesRead.map(\.path)
        previousKey = finalKey(key, reads: entry.filesRead)
        pending = entry.snapshot
        rewrite(entry.filesWritten)
        return entry
    }

    /// Puts back the state of the last replayed cell, if any is waiting.
    func restorePending(into interpreter: Interpreter, document: Document) throws {
        guard let snapshot = pending else { return }
        pending = nil
        let cells = document.cells
        try interpreter.restore(snapshot: try store.get(snapshot), coding: coding, blobs: store) { source in
            cells.first { $0.source == source }?.firstLine
        }
    }

    /// After a cell ran: its final key becomes the next cell's "previous", and a successful,
    /// cacheable cell is stored. Returns what the report says about it.
    func ran(_ cell: Cell, key: String, run: CellRun, interpreter: Interpreter,
             cacheable: Bool) -> CellRun.CacheMark {
        let files = FileGate.shared.cellFiles
        let reads = files.reads.compactMap { path in
            hash(of: path).map { CacheEntry.FileDigest(path: path, hash: $0) }
        }
        previousKey = finalKey(key, reads: reads)
        guard cacheable, run.status == .succeeded else { return .none }
        _ = store.takeBlobsUsed()
        do {
            let written = try files.writes.compactMap { path -> CacheEntry.FileDigest? in
                guard let data = FileManager.default.contents(atPath: path) else { return nil }
                return CacheEntry.FileDigest(path: path, hash: try store.put(data))
            }
            let snapshot = try store.put(try interpreter.snapshot(coding: coding, blobs: store))
            let entry = CacheEntry(key: key, notebook: notebook, cell: cell.number, label: cell.options.label,
                                   seconds: run.seconds, outputs: run.outputs, filesRead: reads, filesWritten: written,
                                   snapshot: snapshot, blobs: store.takeBlobsUsed())
            try store.save(entry)
            return .none
        } catch let unstorable as Unstorable {
            return .notStored(unstorable.reason)
        } catch {
            return .notStored("the cache could not be written (\(error))")
        }
    }

    /// This build of Folio: the hash of the running executable, so that a rebuilt engine (whose
    /// results may differ) never replays what an earlier build stored, whatever the version says.
    static let build: String = ContentHash.hex(ofFile: "/proc/self/exe") ?? Folio.version

    private func finalKey(_ key: String, reads: [CacheEntry.FileDigest]) -> String {
        var final = CacheKey(format: key)
        for read in reads { final.add(read.path, read.hash) }
        return final.value
    }

    /// A file's content hash, or nil if it is gone.
    private func hash(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        if let known = fileHashes[path], known.size == size, known.modified == modified { return known.hash }
        guard let hash = ContentHash.hex(ofFile: path) else { return nil }
        fileHashes[path] = (size, modified, hash)
        return hash
    }

    /// Writes again the files a replayed cell wrote, where they differ (a later cell may read them).
    private func rewrite(_ files: [CacheEntry.FileDigest]) {
        for file in files where hash(of: file.path) != file.hash {
            guard let data = try? store.get(file.hash),
                  let path = try? FileGate.shared.authorizeWrite(file.path) else { continue }
            try? AtomicFile.write(data, to: URL(fileURLWithPath: path))
        }
    }
}
