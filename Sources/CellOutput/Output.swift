/// What a cell shows. The report renders each case; the terminal prints the text-like ones.
///
/// Everything a user can influence (text, table cells, captions, markdown source) is carried as
/// plain data and escaped by the renderer; only `svg` comes from trusted host code (charts, whose
/// images are PNG data inside the SVG), never from user strings directly.
public enum Output: Equatable, Sendable, Codable {
    /// Text written by `print` or the textual display of a value.
    case text(String)
    /// A table of rows under a header (`table(...)`, engine summaries, histories).
    case table(Table)
    /// A paragraph of Markdown from `markdown("...")`, rendered by cmark in safe mode.
    case markdown(String)
    /// A chart as SVG markup produced by the Charts module (labels already escaped there).
    case svg(String, title: String)
}

/// A rectangular table: a header row and rows of already-formatted cells.
public struct Table: Equatable, Sendable, Codable {
    public var title: String?
    public var header: [String]
    public var rows: [[String]]
    /// Indices of columns holding numbers, right-aligned by the renderer.
    public var numericColumns: Set<Int>

    public init(title: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.title = title
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// A plain-text rendering with aligned columns, for terminals and `print`.
    public var plainText: String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: max(0, widths[min(c, widths.count - 1)] - cell.count))
                return numericColumns.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(line(header))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}

/// A value that knows how it is shown in a report. Host objects (models, datasets, histories,
/// charts) conform so that the last expression of a cell or `display(x)` shows them richly.
public protocol Displayable {
    func display() -> [Output]
}

extension Sequence where Element == Output {
    /// The outputs with each run of consecutive text outputs (a run of `print`s) joined into one, as
    /// every format shows them: one block per run.
    public var joiningText: [Output] {
        var joined: [Output] = []
        // The run of texts since the last other output, appended to in place: rebuilding the joined text
        // from the array's copy at every print made 40,000 prints copy gigabytes (minutes for a flood).
        var run: String?
        for output in self {
            if case .text(let text) = output {
                if run == nil { run = text } else { run!.append(text) }
                continue
            }
            if let text = run { joined.append(.text(text)) }
            run = nil
            joined.append(output)
        }
        if let text = run { joined.append(.text(text)) }
        return joined
    }
}
