import Foundation

/// Calls `onChange` when a file's modification time, size or inode changes, by polling `stat`.
///
/// Polling rather than inotify keeps it portable and catches every way editors save: writing in
/// place, or writing a new file and renaming it over the old one (a new inode). A file that
/// disappears for a moment during such a save counts as a change only once it is back.
public final class FileWatcher: @unchecked Sendable {
    struct Signature: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    /// The files watched, each with its signature when last seen.
    private var watched: [(path: String, signature: Signature?)]
    private let interval: TimeInterval
    private let onChange: @Sendable () -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    public init(paths: [String], interval: TimeInterval = 0.2, onChange: @escaping @Sendable () -> Void) {
        self.watched = paths.map { ($0, Self.signature($0)) }
        self.interval = interval
        self.onChange = onChange
    }

    /// The files watched now. A file added is taken as it is at that moment (the render that named it
    /// has just read it); a file kept keeps its last signature, so a change in between is still seen.
    public var paths: [String] {
        get { lock.withLock { watched.map(\.path) } }
        set {
            lock.withLock {
                let known = Dictionary(watched.map { ($0.path, $0.signature) }, uniquingKeysWith: { first, _ in first })
                watched = newValue.map { path in (path, known[path] ?? Self.signature(path)) }
            }
        }
    }

    public func start() {
        let thread = Thread { [self] in
            while !self.isStopped {
                Thread.sleep(forTimeInterval: self.interval)
                if self.poll() { self.onChange() }
            }
        }
        thread.name = "folio watch: file watcher"
        lock.withLock { self.thread = thread }
        thread.start()
    }

    /// Whether a file changed since the last look. A missing file is skipped, not reported: the editor is
    /// between delete and rename.
    private func poll() -> Bool {
        lock.withLock {
            let now = watched.map { Self.signature($0.path) }
            guard now != watched.map(\.signature), !now.contains(where: { $0 == nil }) else { return false }
            watched = zip(watched, now).map { ($0.path, $1) }
            return true
        }
    }

    public func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    static func signature(_ path: String) -> Signature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Signature(seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                         size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }
}
