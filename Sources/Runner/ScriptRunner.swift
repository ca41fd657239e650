import CellOutput
import Foundation
import Prelude
import Script

/// `folio run`: a plain file of cell-language code, run as one cell, its outputs printed as text.
/// Handy for trying the language and for the interpreter benchmark.
public enum ScriptRunner {
    public static func run(_ path: String, write: @escaping (String) -> Void, log: (String) -> Void) -> ExitStatus {
        guard let data = FileManager.default.contents(atPath: path),
              let source = String(data: data, encoding: .utf8) else {
            log("\(path): error: cannot read this file; check the path")
            return .badInput
        }
        do {
            let interpreter = Interpreter()
            Prelude.install(into: interpreter, seed: nil)
            try interpreter.run(source, file: path, firstLine: 1) { write(TextOutput.render($0)) }
            return .success
        } catch {
            log("\(error)")
            return .cellFailed
        }
    }
}

/// Outputs as the terminal shows them.
public enum TextOutput {
    public static func render(_ output: Output) -> String {
        switch output {
        case .text(let text): return text
        case .table(let table): return table.plainText + "\n"
        case .markdown(let markdown): return markdown + "\n"
        case .svg(_, let title): return "[chart: \(title)]\n"
        }
    }
}
