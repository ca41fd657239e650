import Runner

/// One run of one submission: how it ended and what was measured from outside its process.
public struct RunResult: Codable, Equatable, Sendable {
    public enum Ending: Codable, Equatable, Sendable {
        /// Every cell ran.
        case completed
        /// A cell failed; the message and line of the first failure.
        case failed(message: String, line: Int)
        /// The run hit a cap the grader enforces: "wall time", "CPU time" or "memory".
        case cap(String)
        /// The process ended some other way (a signal, an unreadable outcome).
        case crashed(String)
    }

    public var run: Int
    public var seed: Int?
    public var ending: Ending
    public var cpuSeconds: Double
    public var wallSeconds: Double
    public var peakMemoryBytes: Int
    /// What the run stated, read from its facts file (nil when it wrote none).
    public var outcome: RunOutcome?
    /// The report, relative to the grades folder.
    public var report: String

    public var succeeded: Bool { ending == .completed }

    /// A short description for tables: "ok", "failed at line 12: …", "hit the memory cap".
    public var summary: String {
        switch ending {
        case .completed: return "ok"
        case .failed(let message, let line): return "failed at line \(line): \(message)"
        case .cap(let which): return "hit the \(which) cap"
        case .crashed(let how): return how
        }
    }
}

/// All runs of one submission, with its template diff.
public struct SubmissionResult: Codable, Equatable, Sendable {
    /// The notebook as given on the command line.
    public var path: String
    /// Its folder of reports, relative to the grades folder.
    public var folder: String
    public var runs: [RunResult]
    public var diff: DiffSize?

    /// Every recorded numeric value, by name, in the order first recorded.
    public var recordedNumbers: [(name: String, values: [Double])] {
        recorded { if case .number(let number) = $0.value { return number } else { return nil } }
    }

    /// Every recorded text (and Bool) value, by name, in the order first recorded.
    public var recordedTexts: [(name: String, values: [String])] {
        recorded { if case .text(let text) = $0.value { return text } else { return nil } }
    }

    /// The recorded values `pick` takes, by name over the runs, in the order first recorded.
    private func recorded<T>(_ pick: (RunOutcome.Record) -> T?) -> [(name: String, values: [T])] {
        var order: [String] = [], values: [String: [T]] = [:]
        for run in runs {
            for record in run.outcome?.records ?? [] {
                guard let value = pick(record) else { continue }
                if values[record.name] == nil { order.append(record.name) }
                values[record.name, default: []].append(value)
            }
        }
        return order.map { ($0, values[$0] ?? []) }
    }

    /// The largest model any run trained.
    public var parameters: Int? { runs.compactMap { $0.outcome?.modelParameters.first }.max() }

    /// The statistic a rubric limit is checked on: the mean over runs, the maximum for parameters.
    public func value(of name: String) -> Double? {
        switch name {
        case Measured.cpuSeconds: return Statistics(runs.map(\.cpuSeconds))?.mean
        case Measured.wallSeconds: return Statistics(runs.map(\.wallSeconds))?.mean
        case Measured.memory: return Statistics(runs.map { Double($0.peakMemoryBytes) / 1_048_576 })?.mean
        case Measured.parameters: return parameters.map(Double.init)
        default: return recordedNumbers.first { $0.name == name }.flatMap { Statistics($0.values)?.mean }
        }
    }

    public var failedRuns: Int { runs.filter { !$0.succeeded }.count }
}
