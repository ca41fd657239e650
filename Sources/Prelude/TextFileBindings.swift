import Foundation
import RunLimits
import Script

/// `writeText(path, text)` and `readText(path)`: a cell's own text files (a data file in a brief's
/// format, a note for a grader), through the one file gate like every other file a cell touches:
/// relative to the notebook, inside the sandbox, recorded for the cache, written atomically.
enum TextFileBindings {
    /// The largest text `readText` reads: far beyond a notebook's own notes and data files.
    static let largestRead = 256 << 20

    static func install(_ interpreter: Interpreter) {
        let writeParameters: [Parameter] = [.positional("path", .string), .positional("text", .string)]
        interpreter.register(function: "writeText", writeParameters) { args in
            let given = args.string("path")
            let lower = given.lowercased()
            if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
                throw HostError("writeText will not write \(given): it is a Markdown file (a notebook, perhaps this "
                                + "one); choose another name, such as \"digits.txt\"")
            }
            let path = try FileGate.shared.authorizeWrite(given)
            do {
                try AtomicFile.write(args.string("text"), to: URL(fileURLWithPath: path))
            } catch {
                throw HostError("writeText: cannot write \(given): \(error.localizedDescription)")
            }
            return .void
        }
        interpreter.register(function: "readText", [.positional("path", .string)]) { args in
            let given = args.string("path")
            let path = try FileGate.shared.authorizeRead(given)
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                throw HostError("readText: no file \(given); check the path (relative paths start at the notebook)")
            }
            guard Int(info.st_size) <= largestRead else {
                throw HostError("readText: \(given) holds \(ByteCount.format(Int(info.st_size))), more than the "
                                + "\(ByteCount.format(largestRead)) a text read takes; load data files with load(…)")
            }
            try RunBudget.shared.reserve(Int(info.st_size) * 2, for: "reading \(given)")
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8) else {
                throw HostError("readText: \(given) is not UTF-8 text")
            }
            return .string(text)
        }
    }
}
