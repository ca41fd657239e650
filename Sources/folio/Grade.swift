import ArgumentParser
import Foundation
import Grading
import Notebook
import RunLimits
import Runner

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run each submission several times, sandboxed, and gather the results into one table.",
        discussion: """
        Each run is a sandboxed `folio render` in its own process (reads only under the submission's \
        folder, the --data folders and the installed datasets; writes only under its report folder; \
        memory, CPU and wall time capped). Reports go to <output>/<submission path>/run-K.html; the table \
        to <output>/index.html and grades.csv. Exit status: 0 every run completed, 1 a run failed or hit \
        a cap, 2 a bad command line, rubric or template.
        """
    )

    @Argument(help: "Submission notebooks (or, with --merge, folders written by earlier grades).")
    var submissions: [String] = []

    @Option(help: "Runs per submission (default: the rubric's, else 5).")
    var runs: Int?

    @Option(help: ArgumentHelp("Fixed seeds, one per run, e.g. 1,2,3,4,5 (default: each run draws one).",
                               valueName: "list"))
    var seeds: String?

    @Option(name: .shortAndLong, help: "Runs at once (default: the cores divided by the 2 threads a run uses).")
    var jobs: Int?

    @Option(help: ArgumentHelp("A YAML file of limits to check (see the README).", valueName: "file"))
    var rubric: String?

    @Option(help: ArgumentHelp("The provided notebook: each submission's changes from it are counted and shown.",
                               valueName: "file"))
    var template: String?

    @Option(name: .customLong("data"), help: ArgumentHelp("A folder every run may read (repeatable).",
                                                         valueName: "folder"))
    var dataFolders: [String] = []

    @Option(name: .customShort("p"), parsing: .singleValue, help: ArgumentHelp(
        "Override a front-matter parameter in every run, e.g. -p epochs=2 (repeatable).", valueName: "name=value"))
    var param: [String] = []

    @Option(name: .shortAndLong, help: "Folder for the reports and the table.")
    var output = "grades"

    @Option(help: ArgumentHelp("Wall and CPU seconds per run.", valueName: "seconds"))
    var timeout = "600"

    @Option(help: ArgumentHelp("Memory per run, e.g. 4G.", valueName: "size"))
    var memory = "4G"

    @Flag(help: "Join the tables of grades run on several machines (arguments: their folders).")
    var merge = false

    func run() throws {
        do {
            try grade()
        } catch let error as GradeError {
            printError(error.description)
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
    }

    private func grade() throws {
        guard !submissions.isEmpty else { throw GradeError("error: name the submissions to grade") }
        let folder = URL(fileURLWithPath: output)
        if merge {
            let (merged, rubric) = try GradeMerge.read(submissions)
            try GradeFiles.write(merged, rubric: rubric, diffs: [:], to: folder)
            printError("wrote \(output)/index.html (\(merged.count) submissions from \(submissions.count) parts)")
            if merged.contains(where: { $0.failedRuns > 0 }) { throw ExitCode(ExitStatus.cellFailed.rawValue) }
            return
        }
        let plan = try makePlan(folder)
        let (results, diffs) = Grader(plan: plan, log: printError).run()
        try GradeFiles.write(results, rubric: plan.rubric, diffs: diffs, to: folder)
        let failed = results.reduce(0) { $0 + $1.failedRuns }
        printError("wrote \(output)/index.html and grades.csv (\(results.count) submissions × \(plan.runs) runs"
                   + (failed > 0 ? ", \(failed) run\(failed == 1 ? "" : "s") failed" : "") + ")")
        if failed > 0 { throw ExitCode(ExitStatus.cellFailed.rawValue) }
    }

    private func makePlan(_ folder: URL) throws -> GradePlan {
        let rubric = try self.rubric.map { try Rubric.load($0) }
        let runCount = runs ?? rubric?.runs ?? 5
        guard (1...100).contains(runCount) else { throw GradeError("error: --runs must be 1 to 100, got \(runCount)") }
        let seedList = try seeds.map { text -> [Int] in
            let list = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard list.count == runCount, list.allSatisfy({ $0 != nil }) else {
                throw GradeError("error: --seeds needs \(runCount) whole numbers separated by commas, got '\(text)'")
            }
            return list.compactMap { $0 }
        }
        guard case .success(let seconds) = LimitSettings.parseSeconds(timeout, "--timeout") else {
            throw GradeError("error: --timeout must be a number of seconds from 0.001 to 604800, got '\(timeout)'")
        }
        guard case .success(let bytes) = LimitSettings.parseBytes(memory, "--memory") else {
            throw GradeError("error: --memory must be a size from 16M to 1T such as 4G, got '\(memory)'")
        }
        let templateDocument = try template.map { path -> Document in
            do { return try NotebookLoader.load(path) } catch {
                throw GradeError("\(error)\n\(path): error: the template cannot be read as a notebook")
            }
        }
        var unique: [String] = [], seen: Set<String> = []
        for path in submissions where seen.insert(GradePlan.folder(for: path)).inserted { unique.append(path) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for item in param where !item.contains("=") || item.hasPrefix("=") {
            throw GradeError("error: -p expects name=value, got '\(item)'")
        }
        var plan = GradePlan(submissions: unique, runs: runCount, seeds: seedList, jobs: jobs ?? max(1, cores / 2),
                             rubric: rubric, template: templateDocument, dataFolders: dataFolders, output: folder,
                             timeout: seconds, memory: bytes,
                             executable: Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe"))
        plan.parameters = param
        return plan
    }
}
