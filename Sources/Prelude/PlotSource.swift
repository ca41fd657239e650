import Datasets
import Learn
import Script
import Tensor

/// Inputs as one tensor — [N] + sampleShape — and their labels, read through `fillBatch`.
struct SampleBatch {
    let inputs: Tensor
    let labels: [Int32]

    /// Image datasets are read without their augmentation: the analysis explains the real images.
    init(_ data: LabeledBatches, _ indices: [Int]) throws {
        var inputs = Tensor(zeros: [indices.count] + data.sampleShape)
        var labels = [Int32](repeating: 0, count: indices.count)
        if let images = data as? ImageDataset {
            // The size the model sees (after resizing or `rgb()`), not the size stored.
            let size = images.sampleShape.reduce(1, *), p = inputs.mutablePointer
            for (k, index) in indices.enumerated() {
                let image = images.image(at: index)
                guard image.count == size else {
                    throw HostError("image \(index) has \(image.count) values, not \(size)")
                }
                image.withUnsafeBufferPointer { (p + k * size).update(from: $0.baseAddress!, count: size) }
                labels[k] = Int32(images.label(at: index))
            }
        } else {
            // Sequences label every step: fill them all, keep each sample's first.
            let per = max(1, data.labelsPerSample)
            var all = [Int32](repeating: 0, count: indices.count * per)
            all.withUnsafeMutableBufferPointer {
                data.fillBatch(indices: indices[...], inputs: inputs.mutablePointer, labels: $0.baseAddress!)
            }
            labels = stride(from: 0, to: all.count, by: per).map { all[$0] }
        }
        self.inputs = inputs
        self.labels = labels
    }
}

/// A dataset argument that may be images or points, for functions that take either.
struct PlotSource {
    let data: LabeledBatches
    let classNames: [String]

    init(_ value: Value) throws {
        if let box = value.object(as: DatasetBox.self) {
            data = box.data; classNames = box.data.classNames
        } else if let box = value.object(as: PointsBox.self) {
            data = box.data; classNames = box.classNames
        } else {
            throw HostError("expected a Dataset or Points value, found \(value.typeName)")
        }
    }

    /// Up to `count` samples spread evenly over the data (not just the first ones).
    func sample(count: Int) throws -> (Tensor, [Int]) {
        guard data.count >= 2 else { throw HostError("need at least 2 samples for a projection, found \(data.count)") }
        let n = min(count, data.count)
        let indices = (0..<n).map { $0 * data.count / n }
        let batch = try SampleBatch(data, indices)
        return (batch.inputs, batch.labels.map(Int.init))
    }
}
