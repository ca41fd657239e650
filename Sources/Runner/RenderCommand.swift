import CellOutput
import Foundation
import Notebook
import Report

/// How `folio render` ends, as an exit status: 0 success, 1 a cell failed, 2 the notebook or the
/// command line was bad (nothing ran, no report written).
public enum ExitStatus: Int32, Comparable {
    case success = 0
    case cellFailed = 1
    case badInput = 2

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Loads, runs and renders one notebook to `<outputDirectory>/<name>.html`.
public struct Renderer {
    public var outputDirectory: URL
    public var overrides: [(name: String, text: String)] = []
    public var allowErrors = false
    /// Where progress and diagnostics go (standard error in the command line; a buffer in tests).
    public var log: (String) -> Void

    public init(outputDirectory: URL, overrides: [(name: String, text: String)] = [], allowErrors: Bool = false,
                log: @escaping (String) -> Void) {
        self.outputDirectory = outputDirectory
        self.overrides = overrides
        self.allowErrors = allowErrors
        self.log = log
    }

    /// The report's path for a notebook: its file name with `.html` in place of `.md`.
    public func reportURL(for path: String) -> URL {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return outputDirectory.appendingPathComponent(name + ".html")
    }

    @discardableResult
    public func render(_ path: String) -> ExitStatus {
        var document: Document
        do {
            document = try NotebookLoader.load(path)
            try document.frontMatter.applyOverrides(overrides)
        } catch let error as ParameterError {
            log("\(path): error: \(error)")
            return .badInput
        } catch {
            log("\(error)")
            return .badInput
        }
        var runner = NotebookRunner(allowErrors: allowErrors)
        let log = self.log
        runner.onCellFinished = { cell, run in
            if let diagnostic = run.diagnostic {
                if case .failedAsAllowed = run.status { return }
                log(diagnostic.description)
            }
        }
        let run = runner.run(document)
        let target = reportURL(for: path)
        do {
            try AtomicFile.write(HTMLReport.render(run), to: target)
        } catch {
            log("\(target.path): error: cannot write the report: \(error.localizedDescription)")
            return .badInput
        }
        let failed = run.cells.contains { if case .failed = $0.status { return true } else { return false } }
        let summary = "\(run.cells.count) cell\(run.cells.count == 1 ? "" : "s"), \(formatDuration(run.facts.seconds))"
        log("wrote \(relativeToWorkingDirectory(target.path)) (\(summary)\(failed ? ", with a failed cell" : ""))")
        return failed ? .cellFailed : .success
    }

    private func formatDuration(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

    /// `output/x.html` rather than `/home/…/output/x.html` when the report is below the working folder.
    private func relativeToWorkingDirectory(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path
    }
}
