import Foundation
import RunLimits
import Script

/// The cache's folder: `entries/` (one checksummed JSON file per cell key), `blobs/` (content-
/// addressed snapshots, pixels and model files, each named by its hash) and `seeds/` (the seed
/// drawn for a notebook without one, kept so its cells can hit). Every file is written to a
/// temporary name and renamed, so concurrent renders (`--jobs`) and crashes never leave a torn file;
/// every read checks the hash, so a damaged file is a miss (with a warning), never a wrong restore.
public final class CacheStore: BlobStore {
    public let folder: URL
    /// Warnings about damaged files met while reading, for the run's log.
    public private(set) var warnings: [String] = []
    /// Blobs written or read through this store since the last `takeBlobsUsed()`.
    private var used: Set<String> = []

    public init(folder: URL) throws {
        self.folder = folder
        for sub in ["entries", "blobs", "seeds"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub),
                                                    withIntermediateDirectories: true)
        }
    }

    /// The default folder for a notebook: `.folio-cache/` beside it.
    public static func defaultFolder(for notebook: String) -> URL {
        URL(fileURLWithPath: notebook).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".folio-cache")
    }

    // MARK: blobs

    public func put(_ data: Data) throws -> String {
        let name = ContentHash.hex(of: data)
        used.insert(name)
        let url = blobURL(name)
        // A blob of the right size is taken as written; `get` checks the hash, and removes a damaged one.
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        if size == data.count { return name }
        try write(data, to: url)
        return name
    }

    public func contains(_ name: String) -> Bool {
        guard FileManager.default.fileExists(atPath: blobURL(name).path) else { return false }
        used.insert(name)
        return true
    }

    public func get(_ name: String) throws -> Data {
        let url = blobURL(name)
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw CacheError.missing("blob \(name)")
        }
        guard ContentHash.hex(of: data) == name else {
            try? FileManager.default.removeItem(at: url)
            throw CacheError.damaged(url.path)
        }
        used.insert(name)
        return data
    }

    public func path(of name: String) throws -> String {
        _ = try get(name)
        return blobURL(name).path
    }

    /// The blobs put or read since the last call: those an entry's snapshot depends on.
    public func takeBlobsUsed() -> [String] {
        defer { used = [] }
        return used.sorted()
    }

    // MARK: entries

    /// The entry stored under `key`, or nil; a damaged entry is removed, with a warning.
    public func entry(_ key: String) -> CacheEntry? {
        let url = entryURL(key)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let newline = data.firstIndex(of: 0x0A),
              String(decoding: data[..<newline], as: UTF8.self) == ContentHash.hex(of: data[(newline + 1)...]),
              let entry = try? Self.decoder.decode(CacheEntry.self, from: data[(newline + 1)...]),
              entry.key == key else {
            warnings.append("\(url.path): warning: a damaged cache entry; the cell runs again")
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return entry
    }

    public func save(_ entry: CacheEntry) throws {
        let json = try Self.encoder.encode(entry)
        var data = Data((ContentHash.hex(of: json) + "\n").utf8)
        data.append(json)
        try write(data, to: entryURL(entry.key))
    }

    /// Marks an entry as used now, so `clean --older-than` keeps what renders still use.
    public func touch(_ key: String) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: entryURL(key).path)
    }

    // MARK: seeds

    /// The seed kept for a notebook without one, drawing and keeping `fresh` the first time.
    public func seed(for notebook: String, fresh: Int, redraw: Bool) -> Int {
        let url = folder.appendingPathComponent("seeds").appendingPathComponent(ContentHash.hex(of: notebook))
        if !redraw, let text = try? String(contentsOf: url, encoding: .utf8),
           let seed = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return seed
        }
        try? write(Data("\(fresh)\n".utf8), to: url)
        return fresh
    }

    // MARK: files

    func entryURL(_ key: String) -> URL { folder.appendingPathComponent("entries").appendingPathComponent(key) }
    func blobURL(_ name: String) -> URL { folder.appendingPathComponent("blobs").appendingPathComponent(name) }

    /// Not flushed to disk: a file lost in a crash is a miss, as every read checks the hash.
    private func write(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url, durable: false)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// A cache file that is missing, damaged or cannot be written.
public enum CacheError: Error, CustomStringConvertible {
    case missing(String)
    case damaged(String)

    public var description: String {
        switch self {
        case .missing(let what): return "the cache has no \(what)"
        case .damaged(let path): return "\(path): warning: a damaged cache file; it was removed"
        }
    }
}
