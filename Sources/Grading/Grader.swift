import Foundation
import Notebook
import Runner

/// `folio grade`: every submission run `runs` times, each run a sandboxed `folio render` in its own
/// process group with capped memory, CPU and wall time, at most `jobs` at once; then one table.
public struct Grader {
    public var plan: GradePlan
    /// Progress and problems, a line at a time (standard error).
    public var log: (String) -> Void

    public init(plan: GradePlan, log: @escaping (String) -> Void) {
        self.plan = plan
        self.log = log
    }

    /// Runs everything and returns each submission's results, in the order given, and each one's
    /// changes from the template (by submission path; empty without a template).
    public func run() -> (results: [SubmissionResult], diffs: [String: CellDiff]) {
        let tasks = plan.submissions.indices.flatMap { s in (1...plan.runs).map { (submission: s, run: $0) } }
        let results = RunTable(submissions: plan.submissions.count, runs: plan.runs)
        let slots = DispatchSemaphore(value: max(1, plan.jobs))
        let group = DispatchGroup()
        let counter = Counter()
        for task in tasks {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                defer { slots.signal(); group.leave() }
                let path = plan.submissions[task.submission]
                let started = counter.next()
                log("grade: [\(started)/\(tasks.count)] \(path) run \(task.run) of \(plan.runs)")
                results.set(task.submission, task.run, runOnce(path, run: task.run))
            }
        }
        group.wait()
        var diffs: [String: CellDiff] = [:]
        if let template = plan.template {
            for path in plan.submissions {
                if let document = try? NotebookLoader.load(path) {
                    diffs[path] = CellDiff(template: template, submission: document)
                }
            }
        }
        let submissions = plan.submissions.enumerated().map { index, path in
            SubmissionResult(path: path, folder: GradePlan.folder(for: path), runs: results.runs(of: index),
                             diff: diffs[path]?.size)
        }
        return (submissions, diffs)
    }

    /// One sandboxed render of `path`, measured from outside.
    func runOnce(_ path: String, run: Int) -> RunResult {
        let folder = GradePlan.folder(for: path)
        let directory = plan.output.appendingPathComponent(folder)
        let facts = directory.appendingPathComponent("run-\(run).json")
        try? FileManager.default.removeItem(at: facts)
        let seed = plan.seeds.map { $0[run - 1] } ?? Int.random(in: 1...999_999_999)
        let drawn = plan.seeds == nil ? ["--seed-was-drawn"] : []
        var arguments = ["render", path, "-o", directory.path, "--report-name", "run-\(run)",
                         "--facts", facts.path, "--sandbox", "--seed", String(seed),
                         "--notebook-timeout", String(plan.timeout), "--memory", String(plan.memory)] + drawn
        for data in plan.dataFolders { arguments += ["--data", data] }
        for parameter in plan.parameters { arguments += ["-p", parameter] }
        var result = RunResult(run: run, seed: seed, ending: .completed, cpuSeconds: 0, wallSeconds: 0,
                               peakMemoryBytes: 0, outcome: nil, report: "\(folder)/run-\(run).html")
        let ending: ChildProcess.Ending
        do {
            ending = try ChildProcess.run(plan.executable.path, arguments, environment: Self.environment(),
                                          wallLimit: plan.timeout + 30)
        } catch {
            result.ending = .crashed("could not start folio: \(error)")
            return result
        }
        result.cpuSeconds = ending.cpuSeconds
        result.wallSeconds = ending.wallSeconds
        result.peakMemoryBytes = ending.peakMemoryBytes
        result.outcome = (try? Data(contentsOf: facts)).flatMap { try? JSONDecoder().decode(RunOutcome.self, from: $0) }
        result.ending = Self.ending(of: ending, outcome: result.outcome, memory: plan.memory)
        return result
    }

    /// How a run ended, from its exit and its own account.
    static func ending(of process: ChildProcess.Ending, outcome: RunOutcome?, memory: Int) -> RunResult.Ending {
        if process.hitWallLimit { return .cap("wall time") }
        if let signal = process.signal {
            if signal == SIGXCPU { return .cap("CPU time") }
            // The kernel's address-space cap makes an allocation fail, which ends the process.
            if process.peakMemoryBytes >= memory * 9 / 10 { return .cap("memory") }
            return .crashed("ended by signal \(signal)")
        }
        guard let outcome else {
            let message = process.standardError.split(separator: "\n").first.map(String.init) ?? "no message"
            return .crashed("wrote no outcome (exit status \(process.status ?? -1)): \(message)")
        }
        guard let failure = outcome.failure else { return .completed }
        // The run's own budget stopped it: a cap, reported as such, not a bug in the notebook.
        if failure.message.contains("memory budget") { return .cap("memory") }
        if failure.message.contains("notebook's time limit") { return .cap("wall time") }
        return .failed(message: failure.message, line: failure.line)
    }

    /// What a submission's process sees of the environment: no secrets, only what the engine needs.
    static func environment() -> [String: String] {
        let keep = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "FOLIO_DATA_DIR"]
        return ProcessInfo.processInfo.environment.filter { key, _ in
            keep.contains(key) || key.hasPrefix("OPENBLAS_") || key.hasPrefix("OMP_")
        }
    }
}

/// Results filled in from several threads.
private final class RunTable: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [[RunResult?]]

    init(submissions: Int, runs: Int) {
        table = Array(repeating: Array(repeating: nil, count: runs), count: submissions)
    }

    func set(_ submission: Int, _ run: Int, _ result: RunResult) {
        lock.withLock { table[submission][run - 1] = result }
    }

    func runs(of submission: Int) -> [RunResult] { lock.withLock { table[submission].compactMap { $0 } } }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
