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

    /// Writes `data` to `path` atomically (see `AtomicFile`).
    static func write(_ data: Data, to path: String) throws {
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        } catch {
            throw LearnError.file("save: cannot write \(path): \(error.localizedDescription)")
        }
    }

}
