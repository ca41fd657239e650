import Cache
import CellOutput
import Foundation
import Notebook
import Prelude
import Report
import RunLimits
import Script

/// Runs a document's cells top to bottom in one interpreter, so that state persists across cells.
///
/// A failing cell stops the run (later cells are "not run") unless the cell allows errors
/// (`error: true`) or the caller does (`--allow-errors`). Every cell runs within the run's budget:
/// its own timeout (or the notebook's default), the notebook's time limit, and the memory budget.
public struct NotebookRunner {
    public var allowErrors = false
    /// Limits from the command line; each one given replaces the front matter's.
    public var overrides = LimitOverrides()
    /// Called as each cell finishes, for progress on the terminal.
    public var onCellFinished: (Cell, CellRun) -> Void = { _, _ in }
    /// Where the run stands, for a watchdog that must write the report if a cell cannot be stopped.
    public var progress: RunProgress?
    /// A seed from the command line (`--seed`), replacing the front matter's.
    public var seed: Int?
    /// The command line's seed was drawn by the caller (`folio grade`), not chosen: the report says so.
    public var seedWasDrawn = false
    /// The files the run may read and write (`--sandbox`); nil: any, relative to the notebook's folder.
    public var sandbox: FileGate.Policy?
    /// Collects what the run records and the models it trains.
    public var log = RunLog()
    /// The cache's settings from the command line; the front matter's `cache: true` also turns it on.
    public var cacheSettings = CacheSettings()
    /// Warnings that are not a cell's (a damaged cache file), for the terminal.
    public var onWarning: (String) -> Void = { _ in }

    public init(allowErrors: Bool = false) {
        self.allowErrors = allowErrors
    }

    public func run(_ document: Document) -> NotebookRun {
        let store = cacheStore(for: document)
        do {
            return try run(document, store: store)
        } catch {
            // A snapshot that cannot be restored leaves the state unknown: run it all again, uncached.
            onWarning("\(document.file): warning: the cache could not restore a cell's state (\(error)); "
                      + "running every cell")
            return (try? run(document, store: nil)) ?? NotebookRun(document: document, cells: [], facts: RunFacts(
                started: Date(), seconds: 0, folioVersion: Folio.version, machine: Machine.description, seed: nil,
                params: document.frontMatter.params))
        }
    }

    /// The cache for this document when caching is on, or nil (with a warning if it cannot be made).
    private func cacheStore(for document: Document) -> CacheStore? {
        // A sandboxed run (`folio grade`) writes nothing outside its output folder, and must really run.
        guard document.frontMatter.cache || cacheSettings.forced, sandbox == nil else { return nil }
        let folder = cacheSettings.folder.map { URL(fileURLWithPath: $0) }
            ?? CacheStore.defaultFolder(for: document.file)
        do {
            return try CacheStore(folder: folder)
        } catch {
            onWarning("\(folder.path): warning: cannot use this cache folder (\(error.localizedDescription)); "
                      + "running without the cache")
            return nil
        }
    }

    /// One run; throws only when a cached state cannot be restored (the caller then runs without the cache).
    private func run(_ document: Document, store: CacheStore?) throws -> NotebookRun {
        let started = Date()
        let clock = ContinuousClock()
        let runStart = clock.now
        let matter = document.frontMatter
        let limits = overrides.applied(to: matter)
        RunBudget.shared.startRun(seconds: limits.notebookTimeout, memory: limits.memory)
        FileGate.shared.policy = sandbox ?? .init(baseFolder: Self.folder(of: document.file))
        defer {
            RunBudget.shared.reset()
            FileGate.shared.policy = .unrestricted
        }
        log.restore(records: [], modelParameters: [])
        // Without a fixed seed, one is drawn: the run is as fresh as ever, and the report says how to repeat it.
        // A cached notebook keeps the seed it drew first, or its cells could never be replayed.
        let fixed = seed ?? matter.seed
        let drawnSeed = Int.random(in: 1...999_999_999)
        let runSeed = fixed ?? store?.seed(for: FileGate.realPath(document.file), fresh: drawnSeed,
                                           redraw: cacheSettings.refresh)
            ?? drawnSeed
        let drawn = fixed == nil || seedWasDrawn
        progress?.seed = (runSeed, drawn)
        let interpreter = Interpreter()
        let snapshots = Prelude.install(into: interpreter, seed: runSeed, log: log)
        interpreter.setGlobal("params", .record(Dictionary(uniqueKeysWithValues: matter.params.map {
            ($0.name, value(of: $0.value))
        })))
        let cache = store.map { RunCache(store: $0, refresh: cacheSettings.refresh, notebook: document.file,
                                         coding: snapshots) }

        var runs: [CellRun] = []
        var inlineValues: [InlineValue] = []
        var stopped = false
        let proseBefore = Self.expressionsBeforeEachCell(document)
        func evaluateProse(before index: Int) throws {
            if !proseBefore[index].isEmpty { try cache?.restorePending(into: interpreter, document: document) }
            for expression in proseBefore[index] {
                let over = stopped || RunBudget.shared.isRunOver
                RunBudget.shared.startCell(seconds: limits.cellTimeout, memory: nil)
                inlineValues.append(over ? .notRun : Self.value(of: expression, in: interpreter, file: document.file))
            }
        }
        for (index, cell) in document.cells.enumerated() {
            try evaluateProse(before: index)
            if stopped || RunBudget.shared.isRunOver {
                runs.append(CellRun(status: .notRun))
                continue
            }
            let key = cache?.key(of: cell, params: matter.params, seed: runSeed)
            let cacheable = cell.options.cache ?? true
            progress?.start(cell: index)
            if let key, cacheable, let entry = cache?.replay(key) {
                var run = CellRun(status: .succeeded, outputs: entry.outputs, seconds: entry.seconds)
                run.cache = .restored
                entry.outputs.forEach { progress?.append($0) }
                runs.append(run)
                progress?.finish(run)
                onCellFinished(cell, run)
                continue
            }
            try cache?.restorePending(into: interpreter, document: document)
            let cellStart = clock.now
            let cellLimits = overrides.cellLimits(cell.options, within: limits)
            RunBudget.shared.startCell(seconds: cellLimits.seconds, memory: cellLimits.memory)
            FileGate.shared.beginCell()
            let outputs = OutputCollector { output in progress?.append(output) }
            let status: CellRun.Status
            do {
                try interpreter.run(cell.source, file: document.file, firstLine: cell.firstLine) { outputs.add($0) }
                status = .succeeded
            } catch let diagnostic as Diagnostic {
                status = cell.options.error ? .failedAsAllowed(diagnostic) : .failed(diagnostic)
            } catch {
                let place = SourceLocation(file: document.file, line: cell.firstLine, column: 1)
                let diagnostic = Diagnostic(at: place, "\(error)")
                status = cell.options.error ? .failedAsAllowed(diagnostic) : .failed(diagnostic)
            }
            var run = CellRun(status: status, outputs: outputs.outputs, seconds: (clock.now - cellStart).inSeconds)
            if let cache, let key {
                run.cache = cache.ran(cell, key: key, run: run, interpreter: interpreter, cacheable: cacheable)
            }
            runs.append(run)
            progress?.finish(run)
            onCellFinished(cell, run)
            if case .failed = status, !allowErrors { stopped = true }
        }
        try evaluateProse(before: document.cells.count)
        store?.warnings.forEach(onWarning)
        var facts = RunFacts(started: started, seconds: (clock.now - runStart).inSeconds, folioVersion: Folio.version,
                             machine: Machine.description, seed: runSeed, params: matter.params)
        facts.seedWasDrawn = drawn
        var run = NotebookRun(document: document, cells: runs, facts: facts, inlineValues: inlineValues)
        var seen = Set<String>()
        run.filesRead = ((cache?.replayedReads ?? []) + FileGate.shared.reads.map(\.path))
            .filter { seen.insert($0).inserted }
        return run
    }

    /// For each cell, the prose expressions between it and the cell before; the last entry holds
    /// those after the last cell.
    static func expressionsBeforeEachCell(_ document: Document) -> [[InlineExpression]] {
        var groups: [[InlineExpression]] = [[]]
        for block in document.blocks {
            switch block {
            case .prose(let prose): groups[groups.count - 1] += prose.expressions
            case .cell: groups.append([])
            }
        }
        return groups
    }

    /// A prose expression's value, or its error at its line and column in the prose.
    static func value(of expression: InlineExpression, in interpreter: Interpreter, file: String) -> InlineValue {
        do {
            return .shown(try interpreter.inlineValue(expression.source, file: file, line: expression.line,
                                                      column: expression.column, lineText: expression.lineText))
        } catch let diagnostic as Diagnostic {
            return .failed(diagnostic)
        } catch {
            let place = SourceLocation(file: file, line: expression.line, column: expression.column)
            return .failed(Diagnostic(at: place, "\(error)"))
        }
    }

    /// Parses every cell without running anything and returns all syntax errors.
    public static func check(_ document: Document) -> [Diagnostic] {
        // Syntax only: no library is needed, so none is installed.
        let interpreter = Interpreter()
        let cells = document.cells.flatMap {
            interpreter.check($0.source, file: document.file, firstLine: $0.firstLine)
        }
        // A prose expression is checked at its column: padding keeps every caret under the prose's code.
        let prose = document.inlineExpressions.flatMap { expression in
            interpreter.check(String(repeating: " ", count: expression.column - 1) + expression.source,
                              file: document.file, firstLine: expression.line)
        }
        return cells + prose
    }

    /// The folder relative paths in a notebook start from: the notebook's own.
    static func folder(of file: String) -> String {
        let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        return ((absolute as NSString).deletingLastPathComponent as NSString).standardizingPath
    }

    private func value(of param: ParamValue) -> Value {
        switch param {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .bool(let value): return .bool(value)
        case .string(let value): return .string(value)
        }
    }

}

/// Limits given on the command line (`--timeout`, `--notebook-timeout`, `--memory`); each one given
/// wins over the front matter's, and a cell's own `timeout:`/`memory:` option wins over both for
/// that cell. The notebook's time limit always holds.
public struct LimitOverrides: Equatable, Sendable {
    public var cellTimeout: Double?
    public var notebookTimeout: Double?
    public var memory: Int?
    /// For an untrusted notebook (`--sandbox`): these limits (or the defaults) are ceilings that its
    /// front matter and cell options may lower but never raise.
    public var areCeilings = false

    public init(cellTimeout: Double? = nil, notebookTimeout: Double? = nil, memory: Int? = nil) {
        self.cellTimeout = cellTimeout
        self.notebookTimeout = notebookTimeout
        self.memory = memory
    }

    /// The limits in force for a notebook with this front matter.
    public func applied(to matter: FrontMatter) -> LimitSettings {
        let defaults = LimitSettings()
        guard areCeilings else {
            return LimitSettings(cellTimeout: cellTimeout ?? matter.cellTimeout ?? defaults.cellTimeout,
                                 notebookTimeout: notebookTimeout ?? matter.notebookTimeout ?? defaults.notebookTimeout,
                                 memory: memory ?? matter.memory ?? defaults.memory)
        }
        let ceiling = LimitSettings(cellTimeout: cellTimeout ?? defaults.cellTimeout,
                                    notebookTimeout: notebookTimeout ?? defaults.notebookTimeout,
                                    memory: memory ?? defaults.memory)
        return LimitSettings(cellTimeout: min(matter.cellTimeout ?? ceiling.cellTimeout, ceiling.cellTimeout),
                             notebookTimeout: min(matter.notebookTimeout ?? ceiling.notebookTimeout,
                                                  ceiling.notebookTimeout),
                             memory: min(matter.memory ?? ceiling.memory, ceiling.memory))
    }

    /// A cell's own limits, held under the ceilings when there are some.
    func cellLimits(_ options: CellOptions, within limits: LimitSettings) -> (seconds: Double, memory: Int?) {
        let seconds = options.timeout ?? limits.cellTimeout
        guard areCeilings else { return (seconds, options.memory) }
        return (min(seconds, limits.cellTimeout), options.memory.map { min($0, limits.memory) })
    }
}
