import ArgumentParser
import Runner

/// The options `folio render` and `folio watch` share: where reports go, parameter overrides and
/// whether a failing cell stops the run, parsed and checked in one place.
struct RenderingOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder for the reports.")
    var output = "output"

    @Option(name: .customShort("p"), parsing: .singleValue, help: ArgumentHelp(
        "Override a front-matter parameter, e.g. -p epochs=5 (repeatable).", valueName: "name=value"))
    var param: [String] = []

    @Flag(help: "Keep running the cells after one fails.")
    var allowErrors = false

    @Option(name: .customLong("to"), help: ArgumentHelp(
        "Files to write, comma-separated: html, pdf (printed by Chromium), ipynb. The HTML is always written.",
        valueName: "formats"))
    var formatList = "html"

    func validate() throws {
        _ = try formats()
        for item in param where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError("-p expects name=value, got '\(item)'")
        }
    }

    /// The `--to` formats, html among them.
    func formats() throws -> Set<ExportFormat> {
        switch ExportFormat.list(formatList) {
        case .success(let formats): return formats
        case .failure(let problem): throw ValidationError(problem.description)
        }
    }

    /// The `-p name=value` overrides as (name, text) pairs, in the order given.
    var overrides: [(name: String, text: String)] {
        param.map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}
