import Notebook

/// Lines added and removed relative to the template, in all cells.
public struct DiffSize: Codable, Equatable, Sendable {
    public var added: Int
    public var removed: Int
}

/// What a submission changed from the provided template, cell by cell (the brief's "what was
/// changed from the provided script"). Cells pair by label where the template labels them, the rest
/// in order; lines are compared by a longest-common-subsequence diff.
public struct CellDiff: Equatable, Sendable {
    public enum Line: Equatable, Sendable {
        case same(String), added(String), removed(String)
    }

    public struct CellChange: Equatable, Sendable {
        /// "cell 3" or the label.
        public var title: String
        public var lines: [Line]
    }

    public var cells: [CellChange]

    public var size: DiffSize {
        var added = 0, removed = 0
        for line in cells.flatMap(\.lines) {
            if case .added = line { added += 1 }
            if case .removed = line { removed += 1 }
        }
        return DiffSize(added: added, removed: removed)
    }

    /// The diff from `template` to `submission`.
    public init(template: Document, submission: Document) {
        var remaining = Array(submission.cells.indices)
        var changes: [CellChange] = []
        for (index, cell) in template.cells.enumerated() {
            let match = cell.options.label.flatMap { label in
                remaining.first { submission.cells[$0].options.label == label }
            } ?? remaining.first { submission.cells[$0].options.label == nil || cell.options.label == nil }
            let title = cell.options.label ?? "cell \(index + 1)"
            if let match {
                remaining.removeAll { $0 == match }
                changes.append(CellChange(title: title, lines: Self.lines(cell.source, submission.cells[match].source)))
            } else {
                changes.append(CellChange(title: title + " (removed)", lines: Self.lines(cell.source, "")))
            }
        }
        for index in remaining {
            let cell = submission.cells[index]
            changes.append(CellChange(title: (cell.options.label ?? "cell \(index + 1)") + " (added)",
                                      lines: Self.lines("", cell.source)))
        }
        cells = changes
    }

    /// The most lines compared exactly; longer cells are compared as wholly replaced.
    static let maxLines = 3000

    static func lines(_ old: String, _ new: String) -> [Line] {
        let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count <= maxLines, b.count <= maxLines else { return a.map(Line.removed) + b.map(Line.added) }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result: [Line] = [], i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(.same(a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                result.append(.added(b[j])); j += 1
            } else {
                result.append(.removed(a[i])); i += 1
            }
        }
        return result
    }
}
