/// Finds the label column of a CSV or text file that does not say which it is — only when the
/// file leaves no doubt; otherwise an error shows the first row and asks for `labelColumn:`.
/// A wrong guess is the worst outcome: the first pixel taken as the label loads "130 classes"
/// and trains to nonsense without a word.
///
/// The rule, in order:
/// 1. A header with exactly one column named `label`, `class`, `target` or `y` (any case): that column.
/// 2. Otherwise only the first and the last column are considered (every common layout puts the
///    label at an end), and each is asked whether it *could* be a label:
///    - When every other column holds only 0s and 1s (a bitmap), an end column of only 0s and 1s
///      is a pixel like the rest, and one with any other value cannot be a pixel, so it is the label.
///    - Otherwise a label column holds whole numbers from 0 to 100 (or below a declared class
///      count); anything else is a pixel. A column that is one value throughout and equal to its
///      neighbouring column in every row is an empty image margin (MNIST's corner pixels), not a label.
/// 3. Exactly one end that could be a label is the label. Both or neither: an error.
///
/// A file that holds a single class can look like a margin, so it needs `labelColumn:`.
enum LabelColumnDetector {
    /// Header names taken as the label column (compared in lower case).
    static let headerNames: Set<String> = ["label", "class", "target", "y"]
    /// The largest class number accepted without a declared class count.
    static let largestLabel = 100

    /// The label column's index in `table` (whose header, if any, is `header`).
    static func find(header: (names: [String], line: Int)?, table: NumberTable, classCount: Int?,
                     path: String) throws -> Int {
        let firstLine = table.lines.first ?? 1
        if let (names, line) = header {
            let named = names.indices.filter { headerNames.contains(names[$0].lowercased()) }
            if named.count == 1 { return named[0] }
            if named.count > 1 {
                throw DatasetError(path: path, at: .line(line), expected: "one label column in the header",
                                   found: named.map { "'\(names[$0])'" }.joined(separator: ", "), hint: askForColumn)
            }
        }
        let last = table.columnCount - 1
        let binary = table.columnCount > 2 && middleIsBinary(table)
        let verdicts = [0, last].map { verdict(column: $0, table: table, binary: binary, classCount: classCount) }
        let labels = zip([0, last], verdicts).filter { $0.1.mayBeLabel }.map(\.0)
        if labels.count == 1 { return labels[0] }
        let why = labels.isEmpty ? "neither end column can be the label" : "both end columns could be the label"
        throw DatasetError(path: path, at: .line(firstLine),
                           expected: "a label column that can be told from the pixels",
                           found: "\(why) in the first row \(table.rowPreview(0)): column 1 \(verdicts[0].reason); "
                               + "column \(last + 1) \(verdicts[1].reason)",
                           hint: askForColumn)
    }

    static let askForColumn = "Say which column holds the label: labelColumn: .first, .last, "
        + "an index (-1 is the last) or a header name"

    /// Whether end column `column` could hold labels, and why, in words that follow "column N".
    /// `binary`: every other column holds only 0s and 1s.
    private static func verdict(column: Int, table: NumberTable, binary: Bool,
                                classCount: Int?) -> (mayBeLabel: Bool, reason: String) {
        let values = table.column(column)
        let describe = { (row: Int) in "\(TableValue.number(Double(values[row]))) (line \(table.lines[row]))" }
        let isBit = { (value: Float) in value == 0 || value == 1 }
        if binary {
            if let row = values.firstIndex(where: { !isBit($0) }) {
                return (true, "holds \(describe(row)) among 0/1 pixels")
            }
            return (false, "holds only 0s and 1s, like the pixels")
        }
        if let row = values.firstIndex(where: { $0 < 0 || $0 != $0.rounded() }) {
            return (false, "holds \(describe(row)), not a class number")
        }
        // A declared class count widens the range but never narrows it: a label beyond the count
        // must be reported as a bad label, not make the other end look like the only label.
        let largest = max(largestLabel, (classCount ?? 0) - 1)
        if let row = values.firstIndex(where: { $0 > Float(largest) }) {
            return (false, "holds \(describe(row)), more than \(largest)")
        }
        let neighbour = column == 0 ? 1 : table.columnCount - 2
        let constant = values.allSatisfy { $0 == values[0] }
        if constant, (0..<table.rowCount).allSatisfy({ table.value($0, neighbour) == values[0] }) {
            return (false, "is \(describe(0)) in every row, like its neighbour: an empty margin")
        }
        let low = values.min() ?? 0, high = values.max() ?? 0
        return (true, "holds whole numbers \(Int(low))…\(Int(high))")
    }

    /// Whether every value between the first and the last column is 0 or 1.
    private static func middleIsBinary(_ table: NumberTable) -> Bool {
        for row in 0..<table.rowCount {
            for column in 1..<(table.columnCount - 1) {
                let value = table.value(row, column)
                if value != 0 && value != 1 { return false }
            }
        }
        return true
    }
}

extension LabelColumnDetector {
    /// Where the label is, from the user's `labelColumn:` and `oneHotLabels:` or, without them, found
    /// by ``find(header:table:classCount:path:)``. One-hot columns sit at the end, or the start with `.first`.
    static func labelColumns(choice: LabelColumn?, oneHot: Int?, header: (names: [String], line: Int)?,
                             table: NumberTable, classCount: Int?, path: String) throws -> LabelColumns {
        let line = header?.line ?? table.lines.first ?? 1
        if let oneHot {
            return try .oneHot(width: oneHot, columnCount: table.columnCount, atStart: choice == .first,
                               path: path, line: line)
        }
        guard let choice else {
            return .single(try find(header: header, table: table, classCount: classCount, path: path))
        }
        return .single(try CSVReader.resolveLabelColumn(choice, header: header?.names,
                                                        columnCount: table.columnCount, path: path, line: line))
    }
}
