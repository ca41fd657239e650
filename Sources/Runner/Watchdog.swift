import CellOutput
import Foundation
import Notebook
import Report
import RunLimits

/// Ends a run whose cell went past its time limit and did not stop: a native operation that never
/// looks at the clock. The interpreter and the engine check the limits often, so this fires only
/// when they could not; it then writes the report as it stands, with the cell failed and the limit
/// named, and ends the process with status 1, so a grader's run cannot hang or vanish silently.
final class Watchdog: @unchecked Sendable {
    /// How long past its limit a cell may take to stop by itself.
    let grace: Duration

    private let progress: RunProgress
    private let document: Document
    private let onExpiry: @Sendable ([CellRun], Diagnostic) -> Void
    private var thread: Thread?
    private let stopped = NSLock()
    private var isStopped = false

    /// `onExpiry` gets the cells as they stand and the failure; it must write the report and exit.
    init(progress: RunProgress, document: Document, grace: Duration = .seconds(10),
         onExpiry: @escaping @Sendable ([CellRun], Diagnostic) -> Void) {
        self.grace = grace
        self.progress = progress
        self.document = document
        self.onExpiry = onExpiry
    }

    func start() {
        let thread = Thread { [self] in watch() }
        thread.name = "folio-watchdog"
        self.thread = thread
        thread.start()
    }

    func stop() {
        stopped.withLock { isStopped = true }
    }

    private func watch() {
        var overdue: (index: Int, since: ContinuousClock.Instant)?
        while !stopped.withLock({ isStopped }) {
            Thread.sleep(forTimeInterval: min(0.25, grace.inSeconds / 4))
            guard let running = progress.running, let limit = RunBudget.shared.expiredLimit() else {
                overdue = nil
                continue
            }
            if overdue?.index != running.index { overdue = (running.index, ContinuousClock.now) }
            guard let since = overdue?.since, ContinuousClock.now - since > grace else { continue }
            let cell = document.cells[running.index]
            let message = "\(limit) and did not stop within \(RunBudget.describe(seconds: grace.inSeconds)) of it "
                + "(a long operation that could not be interrupted); Folio ended the run here"
            let diagnostic = Diagnostic(at: SourceLocation(file: document.file, line: cell.firstLine, column: 1),
                                        message)
            let elapsed = (ContinuousClock.now - running.since).inSeconds
            onExpiry(progress.snapshot(cellCount: document.cells.count, failingWith: diagnostic, seconds: elapsed),
                     diagnostic)
            return
        }
    }
}
