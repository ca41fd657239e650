/// The limits a notebook run starts with, where each can be set (front matter, a cell's options, the
/// command line), and the ranges each accepts: one definition for `check`, `render` and the docs.
public struct LimitSettings: Equatable, Sendable {
    /// Seconds a cell may run when it says nothing itself.
    public var cellTimeout: Double
    /// Seconds the whole notebook may run.
    public var notebookTimeout: Double
    /// The memory budget in bytes.
    public var memory: Int

    public init(cellTimeout: Double = LimitSettings.defaultCellTimeout,
                notebookTimeout: Double = LimitSettings.defaultNotebookTimeout,
                memory: Int = RunBudget.defaultMemoryLimit) {
        self.cellTimeout = cellTimeout
        self.notebookTimeout = notebookTimeout
        self.memory = memory
    }

    /// 30 minutes: longer than any coursework model trains in one cell, short enough that a forgotten
    /// infinite loop does not hold a grader's machine all night.
    public static let defaultCellTimeout = 1800.0
    /// 2 hours for a whole notebook.
    public static let defaultNotebookTimeout = 7200.0

    /// Timeouts from a millisecond to a week.
    public static let seconds: ClosedRange<Double> = 0.001...604_800
    /// Memory budgets from 16 MB to 1 TB.
    public static let bytes: ClosedRange<Int> = (16 << 20)...(1 << 40)

    /// Reads a number of seconds, or says what is wrong with it (for `what`, e.g. "cell option 'timeout'").
    public static func parseSeconds(_ text: String, _ what: String) -> Result<Double, LimitSettingError> {
        guard let value = Double(text), value.isFinite, value > 0 else {
            return .failure(.init("\(what) must be a positive number of seconds, not '\(text)'"))
        }
        guard seconds.contains(value) else {
            return .failure(.init("\(what) must be between 0.001 and 604800 seconds (a week), not \(text)"))
        }
        return .success(value)
    }

    /// Reads a memory size such as `4G` or `512M`, or says what is wrong with it.
    public static func parseBytes(_ text: String, _ what: String) -> Result<Int, LimitSettingError> {
        guard let value = ByteCount.parse(text) else {
            return .failure(.init("\(what) must be a size such as 512M or 4G, not '\(text)'"))
        }
        guard bytes.contains(value) else {
            return .failure(.init("\(what) must be between 16M and 1T, not \(text)"))
        }
        return .success(value)
    }
}

/// A limit written with a wrong value; the message names the setting and the accepted range.
public struct LimitSettingError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
