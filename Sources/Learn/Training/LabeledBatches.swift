import Tensor

/// A labelled dataset that fills training batches on request. `fit` and `evaluate` read data
/// only through this protocol, so any source (in-memory arrays, IDX files, …) can feed them.
/// It is the one batch protocol: the Datasets module's images, points and sequences have these
/// members and adopt it in Prelude, since Learn and Datasets do not depend on each other.
public protocol LabeledBatches {
    var count: Int { get }            // number of samples
    var sampleShape: [Int] { get }    // e.g. [28, 28, 1]
    var classCount: Int { get }
    /// Labels per sample: 1 (the default) for one class per sample, or the number of steps when
    /// every step of a sequence has its own label (the model then outputs [labelsPerSample, classes]).
    var labelsPerSample: Int { get }
    /// Writes the samples at `indices` as Float32 (sample-major, sampleShape each) and their labels
    /// ([indices.count, labelsPerSample]).
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
}

extension LabeledBatches {
    public var labelsPerSample: Int { 1 }
}

/// Sequences with a label per step and a mask choosing the steps that are scored (e.g. the
/// deterministic positions of a counting language). `fit` and `evaluate` compute the loss over
/// every step and the accuracy (and `evaluate`'s predictions and confusion matrix) over the
/// steps whose mask is 1.
public protocol LabeledSequences: LabeledBatches {
    /// Writes [indices.count, labelsPerSample] weights: 1 for a scored step, 0 otherwise.
    func fillMask(indices: ArraySlice<Int>, mask: UnsafeMutablePointer<Float>)
}

/// Samples and labels held in memory — inputs: [count] + sampleShape, labels: count class indices.
public struct InMemoryBatches: LabeledBatches {
    public let inputs: Tensor
    public let labels: [Int32]
    public let classCount: Int

    /// Throws if the first dimension of `inputs` differs from the number of labels or a label
    /// is outside 0..<classCount.
    public init(inputs: Tensor, labels: [Int32], classCount: Int) throws {
        guard inputs.rank >= 1, inputs.shape[0] == labels.count else {
            throw LearnError.shape("InMemoryBatches: \(labels.count) labels but inputs have shape \(inputs.shape); "
                                   + "the first dimension must be the sample count")
        }
        if let bad = labels.first(where: { $0 < 0 || Int($0) >= classCount }) {
            throw LearnError.invalidArgument("InMemoryBatches: label \(bad) is outside 0..<\(classCount)")
        }
        self.inputs = inputs; self.labels = labels; self.classCount = classCount
    }

    public var count: Int { labels.count }
    public var sampleShape: [Int] { Array(inputs.shape.dropFirst()) }

    public func fillBatch(indices: ArraySlice<Int>, inputs out: UnsafeMutablePointer<Float>,
                          labels outLabels: UnsafeMutablePointer<Int32>) {
        let size = sampleShape.reduce(1, *)
        for (k, i) in indices.enumerated() {
            (out + k * size).update(from: inputs.pointer + i * size, count: size)
            outLabels[k] = labels[i]
        }
    }
}
