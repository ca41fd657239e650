import Foundation
import RunLimits
import Randomness

/// 2-D toy classification sets for small MLPs. Every generator is seedable: the same seed
/// gives identical points; no seed gives fresh ones.
public enum ToySets {
    /// Points on a `resolution × resolution` grid over `range` in both axes, labelled by `rule(x, y)`.
    /// Example: `grid(rule: { x, y in x * x + y * y < 0.5 ? 1 : 0 }, classCount: 2)` (a disc).
    public static func grid(resolution: Int = 21, range: ClosedRange<Float> = -1...1, classCount: Int,
                            rule: (Float, Float) -> Int) throws -> PointDataset {
        guard resolution >= 2 else { throw DatasetError.argument(expected: "a grid resolution ≥ 2",
                                                                 found: "\(resolution)") }
        var points: [Float] = [], labels: [Int32] = []
        try reserve(ByteCount.product(resolution, resolution), points: &points, labels: &labels,
                    what: "a grid of \(resolution) × \(resolution) points")
        let step = (range.upperBound - range.lowerBound) / Float(resolution - 1)
        for row in 0..<resolution {
            for column in 0..<resolution {
                let x = range.lowerBound + Float(column) * step, y = range.lowerBound + Float(row) * step
                points += [x, y]
                labels.append(Int32(rule(x, y)))
            }
        }
        return try PointDataset(points: points, labels: labels, classCount: classCount, name: "grid")
    }

    /// XOR: points uniform in `[-1, 1]²`, class 1 when `x` and `y` have different signs.
    /// `noise` adds Gaussian jitter after labelling.
    public static func xor(count: Int = 200, noise: Float = 0, seed: UInt64? = nil) throws -> PointDataset {
        try requirePositive(count, "count")
        var random = SplitMix64(seed: seed)
        var points: [Float] = [], labels: [Int32] = []
        try reserve(count, points: &points, labels: &labels, what: "\(count) XOR points")
        for _ in 0..<count {
            let x = random.nextUnitFloat() * 2 - 1, y = random.nextUnitFloat() * 2 - 1
            labels.append((x < 0) != (y < 0) ? 1 : 0)
            points += [x + noise * Float(random.nextGaussian()), y + noise * Float(random.nextGaussian())]
        }
        return try PointDataset(points: points, labels: labels, classCount: 2, name: "xor")
    }

    /// Two interleaved spirals (classes 0 and 1), `count` points each, winding `turns` times
    /// out to radius 1; `noise` is the Gaussian jitter's standard deviation.
    public static func twoSpirals(count: Int = 100, turns: Double = 1.5, noise: Float = 0,
                                  seed: UInt64? = nil) throws -> PointDataset {
        try requirePositive(count, "count")
        var random = SplitMix64(seed: seed)
        var points: [Float] = [], labels: [Int32] = []
        try reserve(ByteCount.product(count, 2), points: &points, labels: &labels,
                    what: "two spirals of \(count) points")
        for spiral in 0..<2 {
            for i in 0..<count {
                let t = Double(i) / Double(Swift.max(1, count - 1))
                let angle = t * turns * 2 * Double.pi + Double(spiral) * Double.pi
                let radius = 0.05 + 0.95 * t
                points.append(Float(radius * cos(angle)) + noise * Float(random.nextGaussian()))
                points.append(Float(radius * sin(angle)) + noise * Float(random.nextGaussian()))
                labels.append(Int32(spiral))
            }
        }
        return try PointDataset(points: points, labels: labels, classCount: 2, name: "two spirals")
    }

    /// Gaussian blobs: `countPerClass` points around each centre with standard deviation `spread`.
    /// Default centres: `classCount` points evenly spaced on a circle of radius 1.
    public static func blobs(countPerClass: Int = 100, classCount: Int = 3, centers: [(Float, Float)]? = nil,
                             spread: Float = 0.2, seed: UInt64? = nil) throws -> PointDataset {
        try requirePositive(countPerClass, "countPerClass")
        try requirePositive(centers?.count ?? classCount, "classCount")
        guard classCount <= ClassLimit.maximum else {
            throw DatasetError.argument(expected: "at most \(ClassLimit.maximum) classes", found: "\(classCount)")
        }
        let centres = centers ?? (0..<classCount).map { k in
            let angle = 2 * Double.pi * Double(k) / Double(classCount)
            return (Float(cos(angle)), Float(sin(angle)))
        }
        guard !centres.isEmpty else { throw DatasetError.argument(expected: "at least one centre", found: "none") }
        var random = SplitMix64(seed: seed)
        var points: [Float] = [], labels: [Int32] = []
        try reserve(ByteCount.product(countPerClass, centres.count), points: &points, labels: &labels,
                    what: "\(centres.count) blobs of \(countPerClass) points")
        for (label, centre) in centres.enumerated() {
            for _ in 0..<countPerClass {
                points.append(centre.0 + spread * Float(random.nextGaussian()))
                points.append(centre.1 + spread * Float(random.nextGaussian()))
                labels.append(Int32(label))
            }
        }
        return try PointDataset(points: points, labels: labels, classCount: centres.count, name: "blobs")
    }

    /// Checks that `count` points (two floats and a label each) fit the run's memory budget, then
    /// reserves their arrays, so that a count of 10⁹ is an error before any point is made.
    private static func reserve(_ count: Int, points: inout [Float], labels: inout [Int32], what: String) throws {
        try RunBudget.shared.reserve(ByteCount.product(count, 12), for: what)
        points.reserveCapacity(2 * count)
        labels.reserveCapacity(count)
    }

    private static func requirePositive(_ value: Int, _ name: String) throws {
        guard value > 0 else { throw DatasetError.argument(expected: "\(name) ≥ 1", found: "\(value)") }
    }
}
