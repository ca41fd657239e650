import Foundation

/// The one place through which a cell reads or writes a file (datasets, weights, saved models).
///
/// It resolves relative paths against the notebook's folder (what a user expects when rendering
/// from elsewhere), applies the sandbox policy (the folders a run may read, the one it may write),
/// and records every file read, so that a cache can key on what a cell read. Nothing else in the
/// cell library opens a file for a cell.
public final class FileGate: @unchecked Sendable {
    /// The gate of the run in progress in this process.
    public static let shared = FileGate()

    /// Which files a run may touch. `nil` roots mean "anywhere" (an ordinary render).
    public struct Policy: Sendable, Equatable {
        /// Relative paths start here: the notebook's folder.
        public var baseFolder: String
        /// Folders whose files may be read, or nil for any.
        public var readRoots: [String]?
        /// The folder under which files may be written, or nil for any.
        public var writeRoot: String?

        public init(baseFolder: String, readRoots: [String]? = nil, writeRoot: String? = nil) {
            self.baseFolder = baseFolder
            self.readRoots = readRoots
            self.writeRoot = writeRoot
        }

        /// No sandbox, relative paths from the working folder: code that is not a notebook's.
        public static var unrestricted: Policy { Policy(baseFolder: FileManager.default.currentDirectoryPath) }
    }

    /// A file a cell read, as the cache keys on it.
    public struct FileRead: Sendable, Equatable {
        public var path: String
        public var size: Int
        public var modified: Double
    }

    private let lock = NSLock()
    private var currentPolicy = Policy.unrestricted
    private var readsSoFar: [FileRead] = []
    /// Paths read and written since `beginCell()`, in order, each once: what the cache keys a cell
    /// on (the contents of what it read) and replays (what it wrote).
    private var cellReads: [String] = []
    private var cellWrites: [String] = []

    public init() {}

    public var policy: Policy {
        get { lock.withLock { currentPolicy } }
        set { lock.withLock { currentPolicy = newValue; readsSoFar = [] } }
    }

    /// Every file read since the policy was set, in order, each once.
    public var reads: [FileRead] { lock.withLock { readsSoFar } }

    /// Starts recording the files one cell reads and writes.
    public func beginCell() {
        lock.withLock { cellReads = []; cellWrites = [] }
    }

    /// The files the cell read and wrote since `beginCell()`, as resolved paths.
    public var cellFiles: (reads: [String], writes: [String]) { lock.withLock { (cellReads, cellWrites) } }

    /// `path` as the cell means it: absolute, with a relative path taken from the notebook's folder.
    public func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((policy.baseFolder as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    /// Checks that the cell may read `path` and records the read; returns the path to open.
    public func authorizeRead(_ path: String) throws -> String {
        let resolved = resolve(path)
        let policy = self.policy
        if let roots = policy.readRoots {
            let real = Self.realPath(resolved)
            guard roots.contains(where: { Self.isInside(real, root: $0) }) else {
                throw FileAccessError(path: path, operation: "read",
                                      allowed: roots.map { Self.realPath($0) })
            }
        }
        record(resolved)
        return resolved
    }

    /// Checks that the cell may write `path`; returns the path to write.
    public func authorizeWrite(_ path: String) throws -> String {
        let resolved = resolve(path)
        if let root = policy.writeRoot {
            // The folder must be inside the root once links are followed; the file itself must not be
            // a link planted to point elsewhere.
            let folder = Self.realPath((resolved as NSString).deletingLastPathComponent)
            guard Self.isInside(folder, root: Self.realPath(root)), !Self.isSymbolicLink(resolved) else {
                throw FileAccessError(path: path, operation: "write", allowed: [Self.realPath(root)])
            }
        }
        lock.withLock { if !cellWrites.contains(resolved) { cellWrites.append(resolved) } }
        return resolved
    }

    private func record(_ path: String) {
        lock.withLock { if !cellReads.contains(path) { cellReads.append(path) } }
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let read = FileRead(path: path, size: Int(info.st_size),
                            modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        lock.withLock {
            if !readsSoFar.contains(read) { readsSoFar.append(read) }
        }
    }

    /// The path with every symbolic link followed; the longest existing prefix is resolved when the
    /// file itself does not exist yet.
    public static func realPath(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { return path }
        return (realPath(parent) as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    static func isInside(_ path: String, root: String) -> Bool {
        let real = realPath(root)
        return path == real || path.hasPrefix(real.hasSuffix("/") ? real : real + "/")
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}

/// A cell tried to read or write a file outside what the sandbox allows. The message names the path
/// and the allowed folders, never the file's contents.
public struct FileAccessError: Error, CustomStringConvertible, Equatable, Sendable {
    public let path: String
    public let operation: String
    public let allowed: [String]

    public var description: String {
        "cannot \(operation) '\(path)': this run may \(operation) only under "
            + allowed.map { "'\($0)'" }.joined(separator: ", ") + "; "
            + (operation == "read" ? "copy the file into the notebook's folder, or allow its folder with --data"
                                   : "write under the run's output folder instead")
    }
}
