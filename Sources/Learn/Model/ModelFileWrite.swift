import Foundation
import RunLimits

/// Where `model.save` may write, and how: never over a notebook or a file that is not an earlier
/// model, and atomically, so that a crash or a planted link never leaves a half-written or
/// misdirected file.
enum ModelFileWrite {
    /// Checks that `path` (already through the file gate) may take a model; returns whether an
    /// earlier model file is there (it will be replaced).
    static func checkTarget(_ path: String, as given: String) throws -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
            throw LearnError.file("save: will not write the model to \(given): it is a Markdown file (a notebook, "
                                  + "perhaps this one); save it as a .safetensors file, "
                                  + "e.g. model.save(\"model.safetensors\")")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        guard (info.st_mode & S_IFMT) == S_IFREG, SafeTensorsFile.isModelFile(path) else {
            throw LearnError.file("save: will not overwrite \(given): it exists and is not a safetensors model file; "
                                  + "save under another name, or move that file away first")
        }
        return true
    }

    /// Writes `data` to `path` through a temporary file in the same folder, created exclusively
    /// (never through a link planted at its name), synced, then renamed over the target.
    static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create a temporary file in its folder") }
        var ok = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        ok = ok && fsync(descriptor) == 0
        ok = close(descriptor) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(path, reason)
        }
    }

    private static func failure(_ path: String, _ reason: String) -> LearnError {
        LearnError.file("save: cannot write \(path): \(reason)")
    }
}
