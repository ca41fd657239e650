/// Per-class subsets: a chosen number of samples of some classes, to make an imbalance on purpose
/// (and so know exactly what it is), as imbalanced-learn's `make_imbalance(sampling_strategy={1: 480})`.
extension RowSelectable {
    /// The first `quota[c]` samples of each listed class `c`, in dataset order; classes not listed
    /// keep all their samples (as in imbalanced-learn). Shuffle first for a random choice. Throws
    /// naming the class when one has fewer samples than asked, or is not a class of this dataset.
    public func take(perClass quota: [Int: Int]) throws -> Self {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels where label >= 0 && Int(label) < classCount { counts[Int(label)] += 1 }
        for (label, wanted) in quota.sorted(by: { $0.key < $1.key }) {
            guard (0..<classCount).contains(label) else {
                throw DatasetError.argument(expected: "classes 0...\(classCount - 1)", found: "class \(label)")
            }
            guard wanted >= 0, wanted <= counts[label] else {
                throw DatasetError.argument(expected: "0 to \(counts[label]) samples of class \(label)",
                                            found: "\(wanted) asked for",
                                            hint: "Class \(label) has only \(counts[label]) "
                                                + (counts[label] == 1 ? "sample" : "samples"))
            }
        }
        var taken = [Int](repeating: 0, count: classCount)
        let allLabels = labels
        let kept = (0..<count).filter { position in
            let label = Int(allLabels[position])
            guard let limit = quota[label] else { return true }
            taken[label] += 1
            return taken[label] <= limit
        }
        return subset(kept)
    }
}
