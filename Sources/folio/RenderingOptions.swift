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

    @Flag(help: ArgumentHelp("Cache every cell (as front matter 'cache: true'): reuse a cell's results while "
                             + "nothing it depends on changes."))
    var cache = false

    @Flag(help: "Run every cell, ignoring what the cache holds (and replacing it).")
    var refresh = false

    @Option(help: ArgumentHelp("Folder for the cache (default: .folio-cache beside the notebook).",
                               valueName: "folder"))
    var cacheDir: String?

    /// The cache flags as the runner takes them.
    var cacheSettings: CacheSettings { CacheSettings(forced: cache, refresh: refresh, folder: cacheDir) }

    /// The cache flags again, for a child render (`--jobs`).
    var cacheArguments: [String] {
        (cache ? ["--cache"] : []) + (refresh ? ["--refresh"] : []) + (cacheDir.map { ["--cache-dir", $0] } ?? [])
    }

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
