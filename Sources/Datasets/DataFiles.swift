import Glibc
import RunLimits

/// Every dataset file is opened, probed and sized through here, so that it passes the run's
/// file gate first: relative paths start at the notebook's folder, sandboxed runs read only
/// their allowed folders, and each read is recorded for the cache.
enum DataFiles {
    /// The path to open for `path`, once the gate allows reading it.
    static func authorized(_ path: String) throws -> String {
        try FileGate.shared.authorizeRead(path)
    }

    /// Whether something the run may read exists at `path` (a file the gate refuses counts as absent).
    static func exists(_ path: String) -> Bool {
        guard let resolved = try? authorized(path) else { return false }
        var info = stat()
        return stat(resolved, &info) == 0
    }

    /// Whether `path` is a folder the run may read.
    static func isDirectory(_ path: String) -> Bool {
        guard let resolved = try? authorized(path) else { return false }
        var info = stat()
        return stat(resolved, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Throws unless `path` (already authorized) names an existing regular file with at least one byte;
    /// returns its size.
    @discardableResult
    static func checkReadableFile(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DatasetError(path: path, expected: "an existing file", found: "no such file or directory",
                               hint: "Check the path; a relative path starts at the notebook's folder ("
                                   + FileGate.shared.policy.baseFolder + ")")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DatasetError(path: path, expected: "a data file", found: "a directory", hint: "Name a file inside it")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw DatasetError(path: path, expected: "a regular data file",
                               found: "a device, pipe or socket, whose size cannot be known",
                               hint: "Copy the data into an ordinary file")
        }
        if info.st_size == 0 {
            throw DatasetError(path: path, expected: "data", found: "an empty file (0 bytes)")
        }
        return Int(info.st_size)
    }
}
