import ArgumentParser
import Foundation
import Runner

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write each one's report to <output>/<name>.html.",
        discussion: """
        Exit status: 0 when every cell ran, 1 when a cell failed (the report is still written, \
        showing the error), 2 when a notebook or the command line is invalid (nothing is written).
        """
    )

    @Argument(help: "Notebook files (Markdown).")
    var notebooks: [String]

    @Option(name: .shortAndLong, help: "Folder for the reports.")
    var output = "output"

    @Option(name: .customShort("p"), parsing: .singleValue, help: ArgumentHelp(
        "Override a front-matter parameter, e.g. -p epochs=5 (repeatable).", valueName: "name=value"))
    var param: [String] = []

    @Flag(help: "Keep running the cells after one fails.")
    var allowErrors = false

    @Option(name: .shortAndLong, help: "Render up to this many notebooks at once, each in its own process.")
    var jobs = 1

    func validate() throws {
        for item in param where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("-p expects name=value, got '\(item)'")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let overrides = param.map { item -> (name: String, text: String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        if jobs > 1, notebooks.count > 1 {
            let shared = ["-o", output] + param.flatMap { ["-p", $0] } + (allowErrors ? ["--allow-errors"] : [])
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe")
            let status = ParallelRender(executable: executable, sharedArguments: shared, jobs: jobs, log: printError).run(notebooks)
            if status != .success { throw ExitCode(status.rawValue) }
            return
        }
        let renderer = Renderer(outputDirectory: URL(fileURLWithPath: output), overrides: overrides,
                                allowErrors: allowErrors, log: printError)
        let status = notebooks.map { renderer.render($0) }.max() ?? .success
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
