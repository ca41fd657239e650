import Tensor

/// One wrong prediction: which sample, what it is, what the model said and how sure it was.
public struct Mistake: Equatable, Sendable {
    /// Position of the sample in the dataset.
    public let index: Int
    /// The true class.
    public let label: Int
    /// The predicted class.
    public let predicted: Int
    /// The probability the model gave its (wrong) prediction.
    public let confidence: Float
}

extension Sequential {
    /// The `top` most confident mistakes on `data`, most confident first (ties by index).
    public func misclassified(_ data: LabeledBatches, top: Int, batchSize: Int = 256) throws -> [Mistake] {
        guard top >= 0 else { throw LearnError.invalidArgument("misclassified: top must be 0 or more, found \(top)") }
        guard batchSize > 0 else {
            throw LearnError.invalidArgument("misclassified: batchSize must be at least 1, found \(batchSize)")
        }
        guard let shape = inputShape else {
            throw LearnError.invalidArgument("misclassified: the model is not built; call fit or load first")
        }
        guard data.sampleShape == shape else {
            throw LearnError.shape("misclassified: the model takes samples of shape \(shape) but the data has "
                                   + "\(data.sampleShape)")
        }
        var mistakes: [Mistake] = []
        var labels = [Int32](repeating: 0, count: batchSize)
        var start = 0
        while start < data.count {
            let indices = start..<min(start + batchSize, data.count)
            var inputs = Tensor(zeros: [indices.count] + shape)
            labels.withUnsafeMutableBufferPointer { buffer in
                data.fillBatch(indices: Array(indices)[...], inputs: inputs.mutablePointer, labels: buffer.baseAddress!)
            }
            let probabilities = try classProbabilities(inputs, batchSize: batchSize)
            let classes = probabilities.count / indices.count
            for (k, index) in indices.enumerated() {
                let row = probabilities.pointer + k * classes
                let predicted = AnalysisShapes.argmax(row, count: classes)
                if predicted != Int(labels[k]) {
                    mistakes.append(Mistake(index: index, label: Int(labels[k]), predicted: predicted,
                                            confidence: row[predicted]))
                }
            }
            start = indices.upperBound
        }
        mistakes.sort { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.index < $1.index }
        return Array(mistakes.prefix(top))
    }
}
