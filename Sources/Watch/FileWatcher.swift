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

    private var watched: [String]
    private let interval: TimeInterval
    private let onChange: @Sendable () -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    public init(paths: [String], interval: TimeInterval = 0.2, onChange: @escaping @Sendable () -> Void) {
        self.watched = paths
        self.interval = interval
        self.onChange = onChange
    }

    /// The files watched now.
    public var paths: [String] {
        get { lock.withLock { watched } }
        set { lock.withLock { watched = newValue } }
    }

    public func start() {
        let firstPaths = paths
        let first = firstPaths.map(Self.signature)
        let thread = Thread { [self] in
            var (lastPaths, last) = (firstPaths, first)
            while !self.isStopped {
                Thread.sleep(forTimeInterval: self.interval)
                let current = self.paths
                let now = current.map(Self.signature)
                // A new set of files (the notebook now reads another) is a new baseline, not a change.
                if current != lastPaths {
                    (lastPaths, last) = (current, now)
                    continue
                }
                // A missing file is skipped, not reported: the editor is between delete and rename.
                if now != last, !now.contains(where: { $0 == nil }) {
                    last = now
                    self.onChange()
                }
            }
        }
        thread.name = "folio watch: file watcher"
        lock.withLock { self.thread = thread }
        thread.start()
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
