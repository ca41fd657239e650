import Randomness
/// A dataset that can write samples into a caller's `Float` buffer: the shape the engine's
/// `LabeledBatches` protocol asks for, plus `labelsPerSample` (1 for images and points,
/// the number of steps for sequences).
public protocol BatchFillable {
    /// Number of samples.
    var count: Int { get }
    /// Shape of one sample's inputs, e.g. `[28, 28, 1]`, `[2]`, `[steps, symbols]`.
    var sampleShape: [Int] { get }
    /// Labels written per sample.
    var labelsPerSample: Int { get }
    /// Writes samples `indices` to `inputs` (`[batch] + sampleShape`) and `labels` (`[batch, labelsPerSample]`).
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
}

extension ImageDataset: BatchFillable {
    /// One label per image.
    public var labelsPerSample: Int { 1 }
}

/// One batch of model inputs and labels.
public struct Batch: Sendable {
    /// `[count] + sampleShape`, row-major.
    public let inputs: [Float]
    /// `[count, labelsPerSample]`.
    public let labels: [Int32]
    /// Samples in this batch (the last batch of an epoch may be smaller).
    public let count: Int
    /// Shape of `inputs`.
    public var inputShape: [Int]
}

extension BatchFillable {
    /// The samples at `indices` as one batch.
    public func batch(_ indices: ArraySlice<Int>) -> Batch {
        let sampleSize = sampleShape.reduce(1, *)
        var inputs = [Float](repeating: 0, count: indices.count * sampleSize)
        var labels = [Int32](repeating: 0, count: indices.count * labelsPerSample)
        inputs.withUnsafeMutableBufferPointer { input in
            labels.withUnsafeMutableBufferPointer { label in
                fillBatch(indices: indices, inputs: input.baseAddress!, labels: label.baseAddress!)
            }
        }
        return Batch(inputs: inputs, labels: labels, count: indices.count, inputShape: [indices.count] + sampleShape)
    }
}

/// Deals a dataset out in batches, epoch after epoch, in a new random order each epoch
/// when `shuffle` is on. With a seed, the sequence of epochs is reproducible.
public struct Batcher<Data: BatchFillable> {
    /// The dataset being batched.
    public let data: Data
    /// Samples per batch.
    public let batchSize: Int
    /// Whether each epoch uses a new random order.
    public let shuffle: Bool
    /// Drop a final batch smaller than `batchSize`.
    public let dropLast: Bool
    private var random: SplitMix64

    /// Throws when `batchSize < 1`. The seed fixes the sequence of epoch orders.
    public init(_ data: Data, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false, seed: UInt64? = nil) throws {
        guard batchSize > 0 else {
            throw DatasetError.argument(expected: "a batch size of at least 1", found: "\(batchSize)")
        }
        self.data = data
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.random = SplitMix64(seed: seed)
    }

    /// Number of batches per epoch.
    public var batchesPerEpoch: Int { dropLast ? data.count / batchSize : (data.count + batchSize - 1) / batchSize }

    /// The sample order of the next epoch, cut into batches of indices.
    public mutating func nextEpochIndices() -> [ArraySlice<Int>] {
        var order = Array(0..<data.count)
        if shuffle { order.shuffle(using: &random) }
        return (0..<batchesPerEpoch).map { b in order[(b * batchSize)..<Swift.min(order.count, (b + 1) * batchSize)] }
    }

    /// The next epoch's batches, produced one at a time as they are iterated.
    public mutating func nextEpoch() -> LazyMapSequence<[ArraySlice<Int>], Batch> {
        let source = data
        return nextEpochIndices().lazy.map { source.batch($0) }
    }
}
