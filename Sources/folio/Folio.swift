import ArgumentParser
import Foundation
import Runner

@main
struct FolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Runs Markdown notebooks of Swift-like cells and writes self-contained HTML reports.",
        version: Folio.version,
        subcommands: [Render.self, Check.self, RunScript.self]
    )

    /// Usage errors exit with status 2 (ArgumentParser's default is 64), as the README documents.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? ExitStatus.badInput.rawValue : code.rawValue)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
