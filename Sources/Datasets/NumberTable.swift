import RunLimits

/// Every number of a CSV or bitmap text file, label columns included, row-major, with the file
/// line of each row. The readers parse the whole file into this first, so that a bad cell is
/// reported before the label column is chosen, and the choice can look at every value.
struct NumberTable {
    /// All cells, `rowCount × columnCount`, as bytes while every value is a 0…255 integer.
    var cells = PixelAccumulator()
    /// Values per row.
    let columnCount: Int
    /// The 1-based file line of each row.
    var lines: [Int] = []

    init(columnCount: Int, expectedRows: Int) {
        self.columnCount = columnCount
        cells.reserve(expectedRows * columnCount)
        lines.reserveCapacity(expectedRows)
    }

    var rowCount: Int { lines.count }

    /// The value at `row`, `column`.
    func value(_ row: Int, _ column: Int) -> Float { cells.value(at: row * columnCount + column) }

    /// Column `column` top to bottom.
    func column(_ column: Int) -> [Float] { (0..<rowCount).map { value($0, column) } }

    /// Row `row` as text for messages: its first values, an ellipsis, its last three.
    func rowPreview(_ row: Int, leading: Int = 8) -> String {
        let text = { (column: Int) in TableValue.number(Double(value(row, column))).description }
        guard columnCount > leading + 4 else { return (0..<columnCount).map(text).joined(separator: ",") }
        return ((0..<leading).map(text) + ["…"] + (columnCount - 3..<columnCount).map(text)).joined(separator: ",")
            + " (\(columnCount) values)"
    }

    /// The dataset this table holds, with the label columns that `options` ask for (found with
    /// ``LabelColumnDetector``) taken out and the rest as pixels.
    func dataset(options: some LabeledImageOptions, header: (names: [String], line: Int)?, path: String,
                 name: String) throws -> ImageDataset {
        let labels = try LabelColumnDetector.labelColumns(choice: options.labelColumn, oneHot: options.oneHotLabels,
                                                          header: header, table: self,
                                                          classCount: options.classCount, path: path)
        return try dataset(labels: labels, shape: options.shape, classCount: options.classCount,
                           classNames: options.classNames, path: path, name: name)
    }

    /// The dataset this table holds, with `labels` taken out of the columns and the rest as pixels.
    func dataset(labels: LabelColumns, shape: [Int]?, classCount: Int?, classNames: [String]?,
                 path: String, name: String) throws -> ImageDataset {
        let pixelCount = columnCount - labels.width
        let shape = try imageShape(pixelCount: pixelCount, given: shape, path: path,
                                   location: .line(lines.first ?? 1))
        let isLabel = labels.contains
        let keep = (0..<columnCount).filter { !isLabel($0) }
        let pixels: ImageStore.Pixels
        switch cells.pixels {
        case .bytes(let all):
            try RunBudget.shared.reserve(ByteCount.product(rowCount, pixelCount), for: "the pixels of \(path)")
            pixels = .bytes(Self.gather(all, columns: keep, rowWidth: columnCount, rows: rowCount))
        case .floats(let all):
            try RunBudget.shared.reserve(ByteCount.product(rowCount, 4 * pixelCount), for: "the pixels of \(path)")
            pixels = .floats(Self.gather(all, columns: keep, rowWidth: columnCount, rows: rowCount))
        }
        var values: [Int32] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            values.append(try labels.label(in: self, row: row, classCount: classCount, path: path))
        }
        let store = ImageStore(pixels: pixels, labels: values, sampleShape: shape)
        let classes = classCount ?? labels.impliedClassCount ?? Int(values.max() ?? 0) + 1
        return ImageDataset(store: store, classCount: classes, classNames: classNames, name: name)
    }

    /// The values of `columns` of each row, one row after another.
    private static func gather<T>(_ all: [T], columns: [Int], rowWidth: Int, rows: Int) -> [T] {
        var kept: [T] = []
        kept.reserveCapacity(rows * columns.count)
        for row in 0..<rows {
            let base = row * rowWidth
            for column in columns { kept.append(all[base + column]) }
        }
        return kept
    }
}

extension NumberTable {
    /// A whole-number class label from `value`, checked like every reader's labels: at least 0,
    /// below the declared class count, and within ``ClassLimit``.
    static func label(_ value: Float, line: Int, classCount: Int?, path: String) throws -> Int32 {
        let shown = TableValue.number(Double(value)).description
        guard value >= 0, value == value.rounded(), value < Float(Int32.max) else {
            throw DatasetError(path: path, at: .line(line), expected: "a whole-number class label ≥ 0",
                               found: "'\(shown)'")
        }
        if classCount == nil, Int(value) >= ClassLimit.maximum {
            throw ClassLimit.tooLarge("\(Int(value))", path: path, at: .line(line))
        }
        if let classCount, Int(value) >= classCount {
            throw DatasetError(path: path, at: .line(line), expected: "a label in 0...\(classCount - 1)",
                               found: shown, hint: "Fix the row or declare more classes")
        }
        return Int32(value)
    }
}
