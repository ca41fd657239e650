import ArgumentParser
import Foundation
import CellOutput
import Runner

@main
struct FolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Runs Markdown notebooks of Swift-like cells and writes self-contained HTML reports.",
        version: Folio.version,
        subcommands: [Render.self, WatchNotebook.self, Check.self, Grade.self, CacheCommand.self,
                      RunScript.self]
    )

    /// Usage errors exit with status 2 (ArgumentParser's default is 64), as the README documents.
    static func main() {
        SignalCleanup.install()
        ChildProcess.exitWithParent()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            Foundation.exit(code == .validationFailure ? ExitStatus.badInput.rawValue : code.rawValue)
        }
    }
}

/// Every line Folio prints to standard error goes through here, with control characters from user
/// text (file names, cell source, messages) made visible rather than obeyed by the terminal.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((escapeForTerminal(text) + "\n").utf8))
}
