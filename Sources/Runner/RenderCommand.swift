import CellOutput
import Foundation
import Notebook
import Prelude
import Report
import RunLimits

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
    /// Time and memory limits from the command line.
    public var limits = LimitOverrides()
    /// A seed from the command line (`--seed`), replacing the front matter's.
    public var seed: Int?
    /// That seed was drawn by `folio grade` for this run.
    public var seedWasDrawn = false
    /// Sandboxed (`--sandbox`): cells read only under the notebook's folder, these folders and the
    /// installed datasets, and write only under the output folder. Nil: no sandbox.
    public var sandboxReadFolders: [String]?
    /// The report's file name without `.html`, instead of the notebook's (`folio grade`: `run-1`).
    public var reportName: String?
    /// Where to write the run's outcome as JSON (`--facts`), for `folio grade`.
    public var factsURL: URL?
    /// Called with each finished run before its report is written (`folio watch` learns the files it read).
    public var onRun: (NotebookRun) -> Void = { _ in }
    /// The cache flags (`--cache`, `--refresh`, `--cache-dir`).
    public var cacheSettings = CacheSettings()
    /// The files to write (`--to`): the HTML report always, the PDF and the `.ipynb` beside it when asked.
    public var formats: Set<ExportFormat> = [.html]
    /// Where progress and diagnostics go (standard error in the command line; a buffer in tests).
    public var log: (String) -> Void

    public init(outputDirectory: URL, overrides: [(name: String, text: String)] = [], allowErrors: Bool = false,
                limits: LimitOverrides = LimitOverrides(), log: @escaping (String) -> Void) {
        self.outputDirectory = outputDirectory
        self.overrides = overrides
        self.allowErrors = allowErrors
        self.limits = limits
        self.log = log
    }

    /// The report's path for a notebook: its file name with `.html` in place of `.md`.
    public func reportURL(for path: String) -> URL {
        let name = reportName ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return outputDirectory.appendingPathComponent(name + ".html")
    }

    @discardableResult
    public func render(_ path: String) -> ExitStatus {
        var document: Document
        do {
            document = try NotebookLoader.load(path)
            try document.applyOverrides(overrides)
        } catch let error as ParameterError {
            log("\(path): error: \(error)")
            return .badInput
        } catch {
            log("\(error)")
            return .badInput
        }
        var runner = NotebookRunner(allowErrors: allowErrors)
        runner.overrides = limits
        runner.seed = seed
        runner.seedWasDrawn = seedWasDrawn
        runner.cacheSettings = cacheSettings
        runner.onWarning = log
        runner.sandbox = sandboxPolicy(for: path)
        let runLog = runner.log
        let factsURL = self.factsURL
        let log = self.log
        runner.onCellFinished = { cell, run in
            if let diagnostic = run.diagnostic {
                if case .failedAsAllowed = run.status { return }
                log(diagnostic.description)
            }
        }
        let progress = RunProgress()
        runner.progress = progress
        let target = reportURL(for: path)
        let started = Date()
        let watchdog = Watchdog(progress: progress, document: document) { [document] cells, diagnostic in
            // The run cannot go on: write what it has, say why, and end the process.
            var facts = RunFacts(started: started, seconds: Date().timeIntervalSince(started),
                                 folioVersion: Folio.version, machine: Machine.description,
                                 seed: progress.seed?.seed, params: document.frontMatter.params)
            facts.seedWasDrawn = progress.seed?.drawn ?? false
            log(diagnostic.description)
            let run = NotebookRun(document: document, cells: cells, facts: facts)
            _ = write(run, to: target)
            try? factsURL.map { try RunOutcome(run: run, log: runLog).write(to: $0) }
            exit(ExitStatus.cellFailed.rawValue)
        }
        watchdog.start()
        let run = runner.run(document)
        watchdog.stop()
        onRun(run)
        for case .failed(let diagnostic) in run.inlineValues { log(diagnostic.description) }
        if let factsURL {
            do {
                try RunOutcome(run: run, log: runLog).write(to: factsURL)
            } catch {
                log("\(factsURL.path): error: cannot write the run's facts: \(error.localizedDescription)")
            }
        }
        return write(run, to: target)
    }

    /// The sandbox for a notebook, when one is asked for.
    private func sandboxPolicy(for path: String) -> FileGate.Policy? {
        guard let extra = sandboxReadFolders else { return nil }
        let folder = NotebookRunner.folder(of: path)
        let output = outputDirectory.standardizedFileURL.path
        return FileGate.Policy(baseFolder: folder, readRoots: [folder, output] + extra + Prelude.installedDataFolders,
                               writeRoot: output)
    }

    /// Writes the report and says so; the status the render ends with.
    private func write(_ run: NotebookRun, to target: URL) -> ExitStatus {
        do {
            try AtomicFile.write(HTMLReport.render(run), to: target)
        } catch {
            log("\(target.path): error: cannot write the report: \(error.localizedDescription)")
            return .badInput
        }
        let failed = run.cells.contains { if case .failed = $0.status { return true } else { return false } }
        let proseFailed = run.inlineValues.contains { if case .failed = $0 { return true } else { return false } }
        let summary = "\(run.cells.count) cell\(run.cells.count == 1 ? "" : "s"), \(formatDuration(run.facts.seconds))"
            + (failed ? ", with a failed cell" : "") + (proseFailed ? ", with a failed value in the prose" : "")
        log("wrote \(relativeToWorkingDirectory(target.path)) (\(summary))")
        let exported = writeExports(run, report: target)
        return max(failed || proseFailed ? .cellFailed : .success, exported)
    }

    /// The notebooks to render, each once (the same file named twice renders once), or the messages
    /// naming every pair of different notebooks whose reports would overwrite each other.
    public func plan(_ paths: [String]) -> Result<[String], CollisionError> {
        var seenFiles: Set<String> = []
        var byReport: [String: String] = [:]
        var unique: [String] = []
        var problems: [String] = []
        for path in paths {
            let real = FileGate.realPath(path)
            guard seenFiles.insert(real).inserted else { continue }
            let report = reportURL(for: path).standardizedFileURL.path
            if let other = byReport[report] {
                problems.append("\(path): error: its report would overwrite that of \(other) "
                                + "(both are \(relativeToWorkingDirectory(report))); "
                                + "render them with different -o folders, or rename one")
                continue
            }
            byReport[report] = path
            unique.append(path)
        }
        return problems.isEmpty ? .success(unique) : .failure(CollisionError(messages: problems))
    }

    private func formatDuration(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }

    /// `output/x.html` rather than `/home/…/output/x.html` when the report is below the working folder.
    func relativeToWorkingDirectory(_ path: String) -> String {
        let folder = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path
    }
}

/// Two notebooks whose reports would have the same path; nothing is run.
public struct CollisionError: Error {
    public let messages: [String]
}
