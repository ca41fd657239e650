import Randomness
/// A labelled dataset whose samples can be rearranged by row: shuffled, split, subset, balanced.
/// ``ImageDataset`` and ``PointDataset`` conform, so every transform here works on both.
public protocol RowSelectable {
    /// Number of samples.
    var count: Int { get }
    /// Number of classes; labels are `0..<classCount`.
    var classCount: Int { get }
    /// Label of each sample, in order.
    var labels: [Int32] { get }
    /// The samples at `positions` (positions in this dataset, repeats allowed), same settings.
    func subset(_ positions: [Int]) -> Self
}

extension ImageDataset: RowSelectable {
    /// The images at `positions`, sharing the store and settings.
    public func subset(_ positions: [Int]) -> ImageDataset { selecting(rows: positions.map { rows[$0] }) }
}

/// How ``RowSelectable/balanced(_:seed:)`` evens out the classes.
public enum BalanceStrategy: Sendable {
    /// Repeat random samples of smaller classes until each has as many as the largest.
    case oversample
    /// Keep a random selection of each class as large as the smallest.
    case undersample
}

extension RowSelectable {
    /// The samples in a random order (same seed, same order; no seed, fresh order).
    public func shuffled(seed: UInt64? = nil) -> Self {
        var random = SplitMix64(seed: seed)
        return subset(Array(0..<count).shuffled(using: &random))
    }

    /// The first `n` samples (all of them when `n >= count`).
    public func take(_ n: Int) -> Self { subset(Array(0..<Swift.max(0, Swift.min(n, count)))) }

    /// Splits into a first part of `fraction` of the samples and the rest. With `stratified`,
    /// each class is split by the same fraction, so both parts keep the class proportions.
    /// With `shuffle` (the default) samples are drawn at random first.
    public func split(_ fraction: Double, stratified: Bool = false, shuffle: Bool = true,
                      seed: UInt64? = nil) throws -> (Self, Self) {
        guard fraction > 0, fraction < 1 else {
            throw DatasetError.argument(expected: "a split fraction between 0 and 1 (exclusive)", found: "\(fraction)")
        }
        var random = SplitMix64(seed: seed)
        var order = Array(0..<count)
        if shuffle { order.shuffle(using: &random) }
        guard stratified else {
            let cut = Int((Double(count) * fraction).rounded())
            return (subset(Array(order[..<cut])), subset(Array(order[cut...])))
        }
        var first: [Int] = [], second: [Int] = []
        let allLabels = labels
        for members in positionsByClass(order: order, labels: allLabels) {
            let cut = Int((Double(members.count) * fraction).rounded())
            first += members[..<cut]
            second += members[cut...]
        }
        // Restore the (shuffled) overall order so classes are interleaved, not blocked.
        var rank = [Int](repeating: 0, count: count)
        for (place, position) in order.enumerated() { rank[position] = place }
        return (subset(first.sorted { rank[$0] < rank[$1] }), subset(second.sorted { rank[$0] < rank[$1] }))
    }

    /// Equal class counts by oversampling (to the largest class) or undersampling (to the
    /// smallest). Classes with no samples are left out of the count. The result is shuffled.
    public func balanced(_ strategy: BalanceStrategy = .oversample, seed: UInt64? = nil) -> Self {
        var random = SplitMix64(seed: seed)
        let groups = positionsByClass(order: Array(0..<count), labels: labels).filter { !$0.isEmpty }
        guard let target = strategy == .oversample ? groups.map(\.count).max() : groups.map(\.count).min() else {
            return self
        }
        var chosen: [Int] = []
        for members in groups {
            let shuffled = members.shuffled(using: &random)
            if members.count >= target {
                chosen += shuffled[..<target]
            } else {
                chosen += members
                chosen += (0..<(target - members.count)).map { _ in
                    members[Int(random.next() % UInt64(members.count))]
                }
            }
        }
        chosen.shuffle(using: &random)
        return subset(chosen)
    }

    /// Only the samples whose label is in `classes` (labels unchanged).
    public func filter(classes: Set<Int>) -> Self {
        let allLabels = labels
        return subset((0..<count).filter { classes.contains(Int(allLabels[$0])) })
    }

    /// Labels as one-hot rows, `[count, classCount]` row-major; each row sums to 1.
    public func oneHotLabels() -> [Float] { oneHot(labels, classCount: classCount) }

    /// Positions grouped by class, each group in `order`'s order.
    func positionsByClass(order: [Int], labels: [Int32]) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: classCount)
        for position in order where Int(labels[position]) < classCount {
            groups[Int(labels[position])].append(position)
        }
        return groups
    }
}

/// One-hot encoding: `[labels.count, classCount]` row-major, a 1 at each label's column.
/// Labels outside `0..<classCount` give an all-zero row.
public func oneHot(_ labels: [Int32], classCount: Int) -> [Float] {
    var result = [Float](repeating: 0, count: labels.count * classCount)
    for (row, label) in labels.enumerated() where label >= 0 && Int(label) < classCount {
        result[row * classCount + Int(label)] = 1
    }
    return result
}
