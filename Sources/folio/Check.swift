import ArgumentParser
import Foundation
import Runner

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse notebooks and their cells and report every syntax error, without running anything.")

    @Argument(help: "Notebook files (Markdown).")
    var notebooks: [String]

    func run() throws {
        var problems = 0
        for path in notebooks {
            let diagnostics = NotebookChecker.check(path)
            diagnostics.forEach { printError($0) }
            problems += diagnostics.count
            if diagnostics.isEmpty { printError("\(path): ok") }
        }
        if problems > 0 { throw ExitCode(ExitStatus.badInput.rawValue) }
    }
}

struct RunScript: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a file of cell-language code as one cell and print its outputs.")

    @Argument(help: "A file of cell-language code.")
    var script: String

    func run() throws {
        let status = ScriptRunner.run(script, write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                                      log: printError)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
