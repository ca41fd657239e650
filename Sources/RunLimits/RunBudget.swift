import Foundation

/// The limits one notebook run works within: a time limit per cell and for the whole run, and a
/// memory budget. One per process (a process renders one notebook at a time), configured by the
/// runner before each cell and checked by everything that can run long or allocate much: the
/// interpreter's loops and calls, string and array building, dataset readers, layer building and
/// training. Going past a limit is a `LimitExceeded` error at the cell's line, never a signal.
public final class RunBudget: @unchecked Sendable {
    /// The budget of the run in progress in this process.
    public static let shared = RunBudget()

    /// The memory budget when nothing else is said: half of the machine's memory.
    public static var defaultMemoryLimit: Int { MemoryUsage.physicalBytes / 2 }
    /// Allocations smaller than this are not checked one by one (the interpreter's periodic check
    /// catches many small ones); larger ones are checked against resident memory before they happen.
    public static let checkedAllocation = 1 << 20

    private let lock = NSLock()
    private var runMemoryLimit = RunBudget.defaultMemoryLimit
    private var cellMemoryLimit: Int?
    private var cellDeadline: ContinuousClock.Instant?
    private var cellLimitText = ""
    private var runDeadline: ContinuousClock.Instant?
    private var runLimitText = ""
    /// The nearer deadline in `DispatchTime` nanoseconds (`UInt64.max`: none), read without the lock so
    /// that the check made after every library call and every 1024 loop steps costs one clock read.
    private var earliestDeadline = UInt64.max
    private var runDeadlineNanos = UInt64.max

    public init() {}

    // MARK: - Configuration (the runner)

    /// The memory budget in bytes now: the cell's own if it set one, else the run's.
    public var memoryLimit: Int { lock.withLock { cellMemoryLimit ?? runMemoryLimit } }

    /// Starts the whole run's clock; `seconds` nil means no limit for the run as a whole.
    public func startRun(seconds: Double?, memory: Int? = nil) {
        lock.withLock {
            runDeadline = seconds.map { ContinuousClock.now + .seconds($0) }
            runLimitText = seconds.map { "the notebook's time limit of \(Self.describe(seconds: $0))" } ?? ""
            runDeadlineNanos = Self.nanos(after: seconds)
            earliestDeadline = runDeadlineNanos
            runMemoryLimit = memory ?? Self.defaultMemoryLimit
            cellMemoryLimit = nil
            cellDeadline = nil
        }
    }

    /// Starts a cell's clock; `seconds` nil means the cell has only the run's limit, `memory` nil the
    /// run's budget.
    public func startCell(seconds: Double?, memory: Int? = nil) {
        lock.withLock {
            cellMemoryLimit = memory
            cellDeadline = seconds.map { ContinuousClock.now + .seconds($0) }
            cellLimitText = seconds.map { "its timeout of \(Self.describe(seconds: $0))" } ?? ""
            earliestDeadline = min(Self.nanos(after: seconds), runDeadlineNanos)
        }
    }

    /// No limit of any kind: between runs, and for code that is not a notebook's (tests, `folio run`).
    public func reset() {
        lock.withLock {
            cellDeadline = nil
            runDeadline = nil
            runDeadlineNanos = .max
            earliestDeadline = .max
            runMemoryLimit = Self.defaultMemoryLimit
            cellMemoryLimit = nil
        }
    }

    // MARK: - Checks (everything that runs long or allocates much)

    /// The limit that has passed, if any, as the phrase "its timeout of 10 s".
    public func expiredLimit() -> String? {
        guard DispatchTime.now().uptimeNanoseconds > earliestDeadline else { return nil }
        return lock.withLock {
            let now = ContinuousClock.now
            if let cellDeadline, now > cellDeadline { return "cell exceeded \(cellLimitText)" }
            if let runDeadline, now > runDeadline { return "cell stopped at \(runLimitText)" }
            return nil
        }
    }

    /// True once the whole run's time limit has passed: no further cell may start.
    public var isRunOver: Bool {
        lock.withLock { runDeadline.map { ContinuousClock.now > $0 } ?? false }
    }

    /// Throws when the cell's or the run's time is up. `doing` says where, e.g. "while training (epoch 3)".
    public func checkTime(_ doing: @autoclosure () -> String = "") throws {
        guard let limit = expiredLimit() else { return }
        let place = doing()
        throw LimitExceeded(.time, limit + (place.isEmpty ? "" : " " + place))
    }

    /// Throws unless `bytes` more fit in the memory budget. `what` names the thing about to be made,
    /// e.g. "a string of 2,000,000,000 characters".
    public func reserve(_ bytes: Int, for what: @autoclosure () -> String) throws {
        let limit = memoryLimit
        if bytes > limit {
            throw LimitExceeded(.memory, "\(what()) needs \(ByteCount.format(bytes)), more than the whole memory "
                                + "budget of \(ByteCount.format(limit)); \(Self.raiseMemory)")
        }
        guard bytes >= Self.checkedAllocation else { return }
        let used = residentBytes(fresh: bytes >= Self.alwaysMeasured)
        if used.addingReportingOverflow(bytes).partialValue > limit {
            throw LimitExceeded(.memory, "\(what()) needs \(ByteCount.format(bytes)), but the run already uses "
                                + "\(ByteCount.format(used)) of its memory budget of \(ByteCount.format(limit)); "
                                + Self.raiseMemory)
        }
    }

    /// Allocations this large always measure resident memory anew; smaller ones use a reading at
    /// most `measureEvery` old, so that a string appended to a million times past 1 MB does not
    /// read `/proc` a million times (the reading costs a few microseconds; an append, nanoseconds).
    static let alwaysMeasured = 64 << 20
    static let measureEvery: UInt64 = 5_000_000  // nanoseconds

    private var lastResident = 0
    private var lastMeasured: UInt64 = 0

    private func residentBytes(fresh: Bool) -> Int {
        let now = DispatchTime.now().uptimeNanoseconds
        return lock.withLock {
            if fresh || now &- lastMeasured > Self.measureEvery {
                lastResident = MemoryUsage.residentBytes()
                lastMeasured = now
            }
            return lastResident
        }
    }

    /// Throws when the process already uses more than the budget (checked now and then by long loops).
    public func checkMemory(_ doing: @autoclosure () -> String = "") throws {
        let limit = memoryLimit, used = MemoryUsage.residentBytes()
        guard used > limit else { return }
        let place = doing()
        throw LimitExceeded(.memory, "the run uses \(ByteCount.format(used)), more than its memory budget of "
                            + "\(ByteCount.format(limit))\(place.isEmpty ? "" : " " + place); \(Self.raiseMemory)")
    }

    /// How a user raises the budget, in every memory message.
    public static let raiseMemory = "make the data smaller, or raise the budget with 'memory: 8G' in the front matter, "
        + "'//| memory: 8G' on the cell, or 'folio render --memory 8G'"

    /// `DispatchTime` nanoseconds `seconds` from now; `UInt64.max` for no limit.
    private static func nanos(after seconds: Double?) -> UInt64 {
        guard let seconds else { return .max }
        let now = DispatchTime.now().uptimeNanoseconds
        let span = seconds * 1e9
        return span >= Double(UInt64.max - now) ? .max : now + UInt64(span)
    }

    /// `10 s`, `1.5 s`, `600 s`.
    public static func describe(seconds value: Double) -> String {
        value == value.rounded() && value < 1e15 ? "\(Int(value)) s" : String(format: "%g s", value)
    }
}
