/// Labelled 2-D points for small MLPs: `count` samples of `sampleShape = [2]`.
/// Its `count`, `sampleShape`, `classCount` and `fillBatch` (`[batch, 2]`) are the engine's
/// `LabeledBatches` protocol, which it adopts in Prelude (Datasets does not depend on Learn).
public struct PointDataset: Sendable, RowSelectable {
    /// `x, y` per point, row-major `[count, 2]`.
    public let points: [Float]
    /// One label per point.
    public let labels: [Int32]
    /// Number of classes.
    public let classCount: Int
    /// The generator's name, e.g. `"xor"`.
    public var name: String

    /// Points `[count, 2]` and their labels; throws if they disagree or a label is out of range.
    public init(points: [Float], labels: [Int32], classCount: Int, name: String) throws {
        guard points.count == labels.count * 2 else {
            throw DatasetError.argument(expected: "2 coordinates per label (\(labels.count * 2) values)",
                                        found: "\(points.count) values")
        }
        if let bad = labels.first(where: { $0 < 0 || Int($0) >= classCount }) {
            throw DatasetError.argument(expected: "labels in 0...\(classCount - 1)", found: "\(bad)")
        }
        self.points = points
        self.labels = labels
        self.classCount = classCount
        self.name = name
    }

    /// Number of points.
    public var count: Int { labels.count }
    /// `[2]`: x and y.
    public var sampleShape: [Int] { [2] }

    /// Point `index` as `(x, y)`.
    public func point(at index: Int) -> (x: Float, y: Float) { (points[2 * index], points[2 * index + 1]) }

    /// Writes points `indices` as `[batch, 2]` and their labels.
    public func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>,
                          labels: UnsafeMutablePointer<Int32>) {
        for (k, index) in indices.enumerated() {
            inputs[2 * k] = points[2 * index]
            inputs[2 * k + 1] = points[2 * index + 1]
            labels[k] = self.labels[index]
        }
    }

    /// The points at `positions`.
    public func subset(_ positions: [Int]) -> PointDataset {
        // Positions come from this dataset, so the result is valid by construction.
        PointDataset(unchecked: positions.flatMap { [points[2 * $0], points[2 * $0 + 1]] },
                     labels: positions.map { labels[$0] }, classCount: classCount, name: name)
    }

    init(unchecked points: [Float], labels: [Int32], classCount: Int, name: String) {
        self.points = points
        self.labels = labels
        self.classCount = classCount
        self.name = name
    }
}
