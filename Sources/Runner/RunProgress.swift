import CellOutput
import Foundation
import Report

/// Where a run stands (the cells finished, the cell running and its outputs so far), shared with the
/// watchdog thread, which reads it to write the report when a cell cannot be stopped.
public final class RunProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: [CellRun] = []
    private var runningIndex: Int?
    private var runningOutputs: [Output] = []
    private var runningSince = ContinuousClock.now
    private var seedInForce: (seed: Int, drawn: Bool)?

    public init() {}

    /// The run's seed and whether it was drawn, for the report's facts.
    public var seed: (seed: Int, drawn: Bool)? {
        get { lock.withLock { seedInForce } }
        set { lock.withLock { seedInForce = newValue } }
    }

    func start(cell index: Int) {
        lock.withLock {
            runningIndex = index
            runningOutputs = []
            runningSince = ContinuousClock.now
        }
    }

    func append(_ output: Output) {
        lock.withLock { runningOutputs.append(output) }
    }

    func finish(_ run: CellRun) {
        lock.withLock {
            finished.append(run)
            runningIndex = nil
        }
    }

    /// The cell running now (nil between cells), and since when.
    public var running: (index: Int, since: ContinuousClock.Instant)? {
        lock.withLock { runningIndex.map { ($0, runningSince) } }
    }

    /// The cells as they stand if the run were ended now with `diagnostic` in the running cell:
    /// finished cells as they ran, the running one failed with its outputs so far, the rest not run.
    public func snapshot(cellCount: Int, failingWith diagnostic: Diagnostic, seconds: Double) -> [CellRun] {
        lock.withLock {
            var cells = finished
            if runningIndex != nil {
                cells.append(CellRun(status: .failed(diagnostic), outputs: runningOutputs, seconds: seconds))
            }
            while cells.count < cellCount { cells.append(CellRun(status: .notRun)) }
            return cells
        }
    }
}
