/// Where a row of a CSV or text file keeps its class: one column holding the class number, or a
/// block of one-hot columns (`0,0,1,0,…`) whose single 1 marks the class.
enum LabelColumns: Equatable {
    /// The 0-based column holding the class number.
    case single(Int)
    /// `width` columns from `start`, exactly one of which is 1 in every row.
    case oneHot(start: Int, width: Int)

    /// One-hot columns at the end of a row of `columnCount` values (at the start when `atStart`).
    static func oneHot(width: Int, columnCount: Int, atStart: Bool, path: String, line: Int) throws -> LabelColumns {
        guard width >= 2, width < columnCount else {
            throw DatasetError(path: path, at: .line(line),
                               expected: "2 to \(columnCount - 1) one-hot label columns (the rest are pixels)",
                               found: "oneHotLabels: \(width) for rows of \(columnCount) values")
        }
        return .oneHot(start: atStart ? 0 : columnCount - width, width: width)
    }

    /// Columns that hold the label rather than pixels.
    var width: Int {
        switch self {
        case .single: return 1
        case .oneHot(_, let width): return width
        }
    }

    /// Whether `column` is part of the label.
    func contains(_ column: Int) -> Bool {
        switch self {
        case .single(let index): return column == index
        case .oneHot(let start, let width): return (start..<start + width).contains(column)
        }
    }

    /// One-hot columns fix the number of classes even when the last classes have no samples.
    var impliedClassCount: Int? {
        if case .oneHot(_, let width) = self { return width }
        return nil
    }

    /// The class of `row`; throws naming the line when the label cells do not make one.
    func label(in table: NumberTable, row: Int, classCount: Int?, path: String) throws -> Int32 {
        let line = table.lines[row]
        switch self {
        case .single(let column):
            return try NumberTable.label(table.value(row, column), line: line, classCount: classCount, path: path)
        case .oneHot(let start, let width):
            let values = (start..<start + width).map { table.value(row, $0) }
            let ones = values.indices.filter { values[$0] == 1 }
            guard ones.count == 1, values.allSatisfy({ $0 == 0 || $0 == 1 }) else {
                let odd = values.first { $0 != 0 && $0 != 1 }
                let found = odd.map { "the value \(TableValue.number(Double($0)))" }
                    ?? (ones.isEmpty ? "no 1"
                        : "\(ones.count) 1s (classes \(ones.map(String.init).joined(separator: ", ")))")
                throw DatasetError(path: path, at: .line(line),
                                   expected: "exactly one 1 among the \(width) one-hot label columns, the rest 0",
                                   found: found)
            }
            if let classCount, ones[0] >= classCount {
                throw DatasetError(path: path, at: .line(line), expected: "a label in 0...\(classCount - 1)",
                                   found: "\(ones[0]) (one-hot column \(ones[0] + 1) of \(width))")
            }
            return Int32(ones[0])
        }
    }
}
