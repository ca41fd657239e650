@testable import Datasets

/// The engine's batch protocol (`LabeledBatches`, in Learn, which these tests do not import) as
/// the tests need it: enough to fill one batch from any dataset and look at it.
protocol FillsBatches {
    var sampleShape: [Int] { get }
    var labelsPerSample: Int { get }
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
}

extension ImageDataset: FillsBatches {
    var labelsPerSample: Int { 1 }
}

extension PointDataset: FillsBatches {
    var labelsPerSample: Int { 1 }
}

extension SequenceDataset: FillsBatches {}

/// One filled batch: inputs `[count] + sampleShape`, labels `[count, labelsPerSample]`.
struct TestBatch {
    let inputs: [Float]
    let labels: [Int32]
    let count: Int
    let inputShape: [Int]
}

extension FillsBatches {
    /// The samples at `indices` as one batch, filled as `fit` fills them.
    func batch(_ indices: ArraySlice<Int>) -> TestBatch {
        var inputs = [Float](repeating: 0, count: indices.count * sampleShape.reduce(1, *))
        var labels = [Int32](repeating: 0, count: indices.count * labelsPerSample)
        inputs.withUnsafeMutableBufferPointer { input in
            labels.withUnsafeMutableBufferPointer { label in
                fillBatch(indices: indices, inputs: input.baseAddress!, labels: label.baseAddress!)
            }
        }
        return TestBatch(inputs: inputs, labels: labels, count: indices.count,
                         inputShape: [indices.count] + sampleShape)
    }
}
