#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers shared by the fuzz targets (see Fuzz/README.md).
public enum FuzzInput {
    /// A folder of this process's own, on tmpfs when there is one: the readers take paths, so each
    /// input is written to a file there and read back (a few µs on tmpfs).
    static let folder: String = {
        let env = getenv("FOLIO_FUZZ_TMP").map { String(cString: $0) }
        let base = env ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")
        let dir = "\(base)/folio-fuzz-\(getpid())"
        removeStaleFolders(in: base)
        mkdir(dir, 0o700)
        atexit { FuzzInput.removeFolder(FuzzInput.folder) }
        return dir
    }()

    /// libFuzzer leaves with _Exit after a crash or -max_total_time, so atexit does not always run:
    /// remove the folders of earlier fuzz processes that no longer exist.
    static func removeStaleFolders(in base: String) {
        guard let dir = opendir(base) else { return }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name.hasPrefix("folio-fuzz-"), let pid = Int32(name.dropFirst(11)), kill(pid, 0) != 0 && errno == ESRCH {
                stale.append("\(base)/\(name)")
            }
        }
        closedir(dir)
        stale.forEach(removeFolder)
    }

    /// Writes the input to `folder/name` (replacing the previous input) and returns the path.
    public static func file(_ data: UnsafePointer<UInt8>, _ size: Int, name: String) -> String {
        let path = "\(folder)/\(name)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "fuzz: cannot write \(path)")
        var done = 0
        while done < size {
            let n = write(fd, data + done, size - done)
            precondition(n > 0, "fuzz: short write to \(path)")
            done += n
        }
        close(fd)
        return path
    }

    /// `FOLIO_FUZZ_CLASS_COUNT=N` makes the image-set targets pass `classCount: N`, so that labels are
    /// checked against N instead of sizing the class list: a way to fuzz past an open crash there.
    public static let classCount: Int? = getenv("FOLIO_FUZZ_CLASS_COUNT").flatMap { Int(String(cString: $0)) }

    /// The input as text (invalid UTF-8 repaired, as `String(contentsOfFile:)` callers would see it).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// The name in a `readdir` entry.
    static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func removeFolder(_ folder: String) {
        if let dir = opendir(folder) {
            while let entry = readdir(dir) {
                let name = entryName(entry)
                if name != "." && name != ".." { unlink("\(folder)/\(name)") }
            }
            closedir(dir)
        }
        rmdir(folder)
    }
}
