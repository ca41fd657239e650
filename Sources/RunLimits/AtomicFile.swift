import Foundation

/// Writes a file so that readers see either the old contents or the new, never a half-written file.
///
/// The bytes go to a temporary file in the same folder, created exclusively (`O_EXCL`, so a file or a
/// planted symbolic link already at that name is never written through), flushed to disk, and then
/// renamed over the target. An error, a crash or Ctrl-C before the rename leaves the earlier file
/// untouched; an interrupted write's temporary file is deleted by the signal handler, and any left by
/// a process that died outright is deleted on the next write to the same target.
///
/// Every file Folio writes goes through here: reports, exports, saved models, a cell's text files
/// and the cache's entries.
public enum AtomicFile {
    /// Set by the command line's signal handling: remembers a temporary file to delete if the process
    /// is interrupted, and returns what forgets it again.
    nonisolated(unsafe) public static var trackTemporary: (String) -> () -> Void = { _ in {} }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// `durable: false` skips flushing to disk, for files whose loss is harmless (the cache checks
    /// every file it reads against its hash, and recomputes a damaged one).
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws {
        try write(to: url, durable: durable) { descriptor, _ in try writeAll(data, to: descriptor) }
    }

    /// The same for a file that another program writes (the PDF, which Chromium prints): `fill` gets the
    /// temporary file's descriptor and path, and only a `fill` that returns puts the file in place.
    public static func write(to url: URL, durable: Bool = true,
                             by fill: (_ descriptor: Int32, _ temporary: String) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeStaleTemporaries(for: url)
        let pid = getpid()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(pid).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        let forget = trackTemporary(temporary)
        defer { forget() }
        do {
            try fill(descriptor, temporary)
            // Flushed by path: a program given the path may have written through a descriptor of its own.
            guard !durable || flush(temporary) else { throw failure("cannot flush \(temporary) to disk") }
            close(descriptor)
            guard rename(temporary, url.path) == 0 else { throw failure("cannot rename onto \(url.path)") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if durable { syncFolder(folder.path) }
    }

    private static func flush(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fsync(descriptor) == 0
    }

    private static func writeAll(_ bytes: Data, to descriptor: Int32) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("cannot write the file") }
            written += count
        }
    }

    /// Makes the rename itself durable: the folder's entry is flushed too.
    private static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Deletes `.name.PID.N.tmp` files beside `url` whose process no longer exists.
    public static func removeStaleTemporaries(for url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".")
            guard let first = middle.first, let pid = pid_t(first), pid > 0 else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                unlink(folder.appendingPathComponent(name).path)
            }
        }
    }

    private static func failure(_ what: String) -> Error {
        let reason = String(cString: strerror(errno))
        return CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(what): \(reason)"])
    }
}
