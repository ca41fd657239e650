/// Options for flat bitmap text files. A deliberate parallel of ``CSVOptions`` (which adds `hasHeader`):
/// each reader keeps its own public options, documented for its files; they share ``LabeledImageOptions``.
public struct BitmapTextOptions: LabeledImageOptions, Sendable {
    /// `.first` or `.last` (or an index); `nil`: found only when certain (see ``LabelColumnDetector``).
    public var labelColumn: LabelColumn?
    /// The label is this many one-hot columns at the end of each line (at the start with `.first`).
    public var oneHotLabels: Int?
    /// Image shape `[H, W]` or `[H, W, C]`; `nil`: the pixel count must be a square.
    public var shape: [Int]?
    /// Number of classes; labels outside `0..<classCount` are errors.
    public var classCount: Int?
    /// Names of the classes, if known.
    public var classNames: [String]?

    /// All options default to "infer from the file".
    public init(labelColumn: LabelColumn? = nil, oneHotLabels: Int? = nil, shape: [Int]? = nil,
                classCount: Int? = nil, classNames: [String]? = nil) {
        self.labelColumn = labelColumn
        self.oneHotLabels = oneHotLabels
        self.shape = shape
        self.classCount = classCount
        self.classNames = classNames
    }
}

/// Reads flat bitmap text as coursework datasets ship it: one image per line, its values
/// separated by spaces, tabs or commas, plus a label. A run of 0/1 digits written without
/// separators (`0011100…  3`) counts as one pixel per digit. Lines starting with `#` are comments.
public enum BitmapTextReader {
    /// Reads the file at `path` (plain or `.gz`); throws naming the line of any bad value.
    public static func read(path originalPath: String, options: BitmapTextOptions = BitmapTextOptions(),
                            name: String? = nil) throws -> ImageDataset {
        let source = try openByteSource(originalPath)
        try ClassLimit.check(declared: options.classCount, path: source.path)
        let path = source.path
        let text = try source.readToEnd()
        let parser = TextNumberParser(path: path, text: text)
        var rows: [(line: Int, cells: [TextCell])] = []
        for line in nonBlankLines(text) {
            var cells = tokens(text, start: line.start, end: line.end)
            if cells.first.map({ text[$0.start] == UInt8(ascii: "#") }) ?? true { continue }
            cells = cells.flatMap { cell in
                isBitRun(text, cell) ? (cell.start..<cell.end).map { TextCell(start: $0, end: $0 + 1) } : [cell]
            }
            rows.append((line.number, cells))
        }
        guard let first = rows.first else {
            throw DatasetError(path: path, expected: "lines of pixel values and a label", found: "no data lines")
        }
        let columnCount = first.cells.count
        for row in rows where row.cells.count != columnCount {
            throw DatasetError(path: path, at: .line(row.line),
                               expected: "\(columnCount) values like line \(first.line) "
                                   + "(\(columnCount - 1) pixels and a label)",
                               found: "\(row.cells.count) values")
        }
        guard columnCount >= 2 else {
            throw DatasetError(path: path, at: .line(first.line), expected: "pixel values and a label",
                               found: "1 value")
        }
        var table = NumberTable(columnCount: columnCount, expectedRows: rows.count)
        for row in rows {
            for (column, cell) in row.cells.enumerated() {
                table.cells.append(try parser.number(cell, line: row.line, what: "value \(column + 1)"))
            }
            table.lines.append(row.line)
        }
        return try table.dataset(options: options, header: nil, path: path, name: name ?? baseName(originalPath))
    }

    private static func tokens(_ text: [UInt8], start: Int, end: Int) -> [TextCell] {
        var cells: [TextCell] = []
        var tokenStart: Int? = nil
        for i in start...end {
            let separator = i == end || text[i] == 32 || text[i] == 9 || text[i] == 44 || text[i] == 59
            if separator, let s = tokenStart { cells.append(TextCell(start: s, end: i)); tokenStart = nil }
            if !separator && tokenStart == nil { tokenStart = i }
        }
        return cells
    }

    private static func isBitRun(_ text: [UInt8], _ cell: TextCell) -> Bool {
        cell.end - cell.start > 1 && text[cell.start..<cell.end].allSatisfy { $0 == 48 || $0 == 49 }
    }
}
