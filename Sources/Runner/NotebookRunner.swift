import CellOutput
import Foundation
import Notebook
import Prelude
import Report
import Script

/// Runs a document's cells top to bottom in one interpreter, so that state persists across cells.
///
/// A failing cell stops the run (later cells are "not run") unless the cell allows errors
/// (`error: true`) or the caller does (`--allow-errors`).
public struct NotebookRunner {
    public var allowErrors = false
    /// Called as each cell finishes, for progress on the terminal.
    public var onCellFinished: (Cell, CellRun) -> Void = { _, _ in }

    public init(allowErrors: Bool = false) {
        self.allowErrors = allowErrors
    }

    public func run(_ document: Document) -> NotebookRun {
        let started = Date()
        let clock = ContinuousClock()
        let runStart = clock.now
        let interpreter = Interpreter()
        let matter = document.frontMatter
        Prelude.install(into: interpreter, seed: matter.seed)
        interpreter.setGlobal("params", .record(Dictionary(uniqueKeysWithValues: matter.params.map { ($0.name, value(of: $0.value)) })))

        var runs: [CellRun] = []
        var stopped = false
        for cell in document.cells {
            if stopped {
                runs.append(CellRun(status: .notRun))
                continue
            }
            var outputs: [Output] = []
            let cellStart = clock.now
            interpreter.deadline = cell.options.timeout.map { cellStart + .milliseconds(Int($0 * 1000)) }
            if let timeout = cell.options.timeout { interpreter.timeoutDescription = String(format: "%g s", timeout) }
            let status: CellRun.Status
            do {
                try interpreter.run(cell.source, file: document.file, firstLine: cell.firstLine) { outputs.append($0) }
                status = .succeeded
            } catch let diagnostic as Diagnostic {
                status = cell.options.error ? .failedAsAllowed(diagnostic) : .failed(diagnostic)
            } catch {
                let place = SourceLocation(file: document.file, line: cell.firstLine, column: 1)
                let diagnostic = Diagnostic(at: place, "\(error)")
                status = cell.options.error ? .failedAsAllowed(diagnostic) : .failed(diagnostic)
            }
            let run = CellRun(status: status, outputs: outputs, seconds: seconds(clock.now - cellStart))
            runs.append(run)
            onCellFinished(cell, run)
            if case .failed = status, !allowErrors { stopped = true }
        }
        let facts = RunFacts(started: started, seconds: seconds(clock.now - runStart), folioVersion: Folio.version,
                             machine: Machine.description, seed: matter.seed, params: matter.params)
        return NotebookRun(document: document, cells: runs, facts: facts)
    }

    /// Parses every cell without running anything and returns all syntax errors.
    public static func check(_ document: Document) -> [Diagnostic] {
        // Syntax only: no library is needed, so none is installed.
        let interpreter = Interpreter()
        return document.cells.flatMap { interpreter.check($0.source, file: document.file, firstLine: $0.firstLine) }
    }

    private func value(of param: ParamValue) -> Value {
        switch param {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
