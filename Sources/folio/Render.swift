import ArgumentParser
import Foundation
import Notebook
import RunLimits
import Runner

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write each one's report to <output>/<name>.html.",
        discussion: """
        Exit status: 0 when every cell ran, 1 when a cell failed or hit a limit (the report is still \
        written, showing the error), 2 when a notebook or the command line is invalid (nothing is written) \
        or a file asked for with --to could not be written (the HTML report still is). \
        Two notebooks whose reports would have the same path (a/x.md and b/x.md) are refused with status 2 \
        before anything runs.
        """
    )

    @Argument(help: "Notebook files (Markdown).")
    var notebooks: [String]

    @OptionGroup var rendering: RenderingOptions

    @Option(name: .shortAndLong, help: "Render up to this many notebooks at once, each in its own process.")
    var jobs = 1

    @Option(help: ArgumentHelp("Seconds each cell may run unless it sets its own timeout (default 1800).",
                               valueName: "seconds"))
    var timeout: String?

    @Option(help: ArgumentHelp("Seconds the whole notebook may run (default 7200).", valueName: "seconds"))
    var notebookTimeout: String?

    @Option(help: ArgumentHelp("Memory budget of each notebook's run, e.g. 4G (default: half the machine).",
                               valueName: "size"))
    var memory: String?

    @Option(help: ArgumentHelp("A fixed seed, replacing the front matter's (a report names the seed it drew).",
                               valueName: "n"))
    var seed: Int?

    @Flag(help: """
        Treat the notebook as untrusted: cells read only under its folder, the --data folders and the \
        installed datasets, write only under the output folder; memory and CPU time are capped by the kernel.
        """)
    var sandbox = false

    @Option(name: .customLong("data"), help: ArgumentHelp("A folder a sandboxed notebook may read (repeatable).",
                                                         valueName: "folder"))
    var dataFolders: [String] = []

    @Option(help: ArgumentHelp("Write the run's outcome (status, seed, recorded values, model sizes) as JSON here.",
                               valueName: "file"))
    var facts: String?

    @Option(help: .hidden)
    var reportName: String?

    @Flag(help: .hidden)
    var seedWasDrawn = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if !dataFolders.isEmpty && !sandbox { throw ValidationError("--data only applies with --sandbox") }
        if (facts != nil || reportName != nil) && notebooks.count > 1 {
            throw ValidationError("--facts and --report-name take one notebook")
        }
        if sandbox, try rendering.formats().contains(.pdf) {
            // Chromium cannot even start under the address-space cap that --sandbox sets.
            throw ValidationError("--to pdf does not work with --sandbox; render the PDF without --sandbox")
        }
        _ = try limits()
    }

    /// The command line's limits, each checked against its range.
    func limits() throws -> LimitOverrides {
        func check<T>(_ result: Result<T, LimitSettingError>) throws -> T {
            switch result {
            case .success(let value): return value
            case .failure(let problem): throw ValidationError(problem.description)
            }
        }
        return LimitOverrides(
            cellTimeout: try timeout.map { try check(LimitSettings.parseSeconds($0, "--timeout")) },
            notebookTimeout: try notebookTimeout.map {
                try check(LimitSettings.parseSeconds($0, "--notebook-timeout"))
            },
            memory: try memory.map { try check(LimitSettings.parseBytes($0, "--memory")) })
    }

    func run() throws {
        let overrides = rendering.overrides
        var limits = try limits()
        limits.areCeilings = sandbox
        var renderer = Renderer(outputDirectory: URL(fileURLWithPath: rendering.output), overrides: overrides,
                                allowErrors: rendering.allowErrors, limits: limits, log: printError)
        renderer.seed = seed
        renderer.cacheSettings = rendering.cacheSettings
        renderer.seedWasDrawn = seedWasDrawn
        renderer.reportName = reportName
        renderer.factsURL = facts.map { URL(fileURLWithPath: $0) }
        renderer.formats = try rendering.formats()
        if sandbox {
            renderer.sandboxReadFolders = dataFolders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            let ceilings = limits.applied(to: FrontMatter())
            ProcessLimits.apply(memory: ceilings.memory, cpuSeconds: ceilings.notebookTimeout + 30)
        }
        let planned: [String]
        switch renderer.plan(notebooks) {
        case .success(let list): planned = list
        case .failure(let collision):
            collision.messages.forEach(printError)
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        if jobs > 1, planned.count > 1 {
            var shared: [String] = ["-o", rendering.output] + (sandbox ? ["--sandbox"] : [])
            for folder in dataFolders { shared += ["--data", folder] }
            if let seed { shared += ["--seed", String(seed)] }
            for item in rendering.param { shared += ["-p", item] }
            if rendering.allowErrors { shared.append("--allow-errors") }
            shared += rendering.cacheArguments
            shared += ["--to", rendering.formatList]
            let limitFlags: [(String, String?)] = [("--timeout", timeout), ("--notebook-timeout", notebookTimeout),
                                                   ("--memory", memory)]
            for case let (flag, value?) in limitFlags { shared += [flag, value] }
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe")
            let status = ParallelRender(executable: executable, sharedArguments: shared, jobs: jobs, log: printError)
                .run(planned)
            if status != .success { throw ExitCode(status.rawValue) }
            return
        }
        let status = planned.map { renderer.render($0) }.max() ?? .success
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
