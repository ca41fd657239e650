import Tensor

/// A labelled dataset that fills training batches on request. `fit` and `evaluate` read data
/// only through this protocol, so any source (in-memory arrays, IDX files, …) can feed them.
public protocol LabeledBatches {
    var count: Int { get }            // number of samples
    var sampleShape: [Int] { get }    // e.g. [28, 28, 1]
    var classCount: Int { get }
    /// Writes the samples at `indices` as Float32 (sample-major, sampleShape each) and their labels.
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
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
            throw LearnError.shape("InMemoryBatches: \(labels.count) labels but inputs have shape \(inputs.shape); the first dimension must be the sample count")
        }
        if let bad = labels.first(where: { $0 < 0 || Int($0) >= classCount }) {
            throw LearnError.invalidArgument("InMemoryBatches: label \(bad) is outside 0..<\(classCount)")
        }
        self.inputs = inputs; self.labels = labels; self.classCount = classCount
    }

    public var count: Int { labels.count }
    public var sampleShape: [Int] { Array(inputs.shape.dropFirst()) }

    public func fillBatch(indices: ArraySlice<Int>, inputs out: UnsafeMutablePointer<Float>, labels outLabels: UnsafeMutablePointer<Int32>) {
        let size = sampleShape.reduce(1, *)
        for (k, i) in indices.enumerated() {
            (out + k * size).update(from: inputs.pointer + i * size, count: size)
            outLabels[k] = labels[i]
        }
    }
}
