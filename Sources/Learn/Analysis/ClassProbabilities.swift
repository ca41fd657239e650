import Foundation
import Tensor

extension Sequential {
    /// Class probabilities for a batch — inputs: [N] + inputShape -> [N, K] (inference mode).
    /// A softmax output is used as it is; a linear output is passed through softmax; a single
    /// sigmoid (or linear) unit becomes two columns, P(class 0) = 1 − p and P(class 1) = p.
    public func classProbabilities(_ inputs: Tensor, batchSize: Int = 256) throws -> Tensor {
        guard let outShape = outputShape else {
            throw LearnError.invalidArgument("classProbabilities: the model is not built; call fit or load first")
        }
        let raw = try predict(inputs, batchSize: batchSize)
        let n = inputs.shape.first ?? 0, units = outShape.reduce(1, *)
        if units == 1 {
            var out = Tensor(zeros: [n, 2])
            let sigmoid = outputActivation == .sigmoid
            for i in 0..<n {
                let v = raw[flat: i], p = sigmoid ? v : 1 / (1 + exp(-v))
                out.mutablePointer[2 * i] = 1 - p
                out.mutablePointer[2 * i + 1] = p
            }
            return out
        }
        var out = try raw.reshaped([n, units])
        if outputActivation != .softmax {
            let p = out.mutablePointer
            for i in 0..<n { softmaxRow(p + i * units, count: units) }
        }
        return out
    }

    /// In-place softmax of one row (max subtracted for stability).
    private func softmaxRow(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var peak = row[0]
        for j in 1..<count { peak = max(peak, row[j]) }
        var total: Float = 0
        for j in 0..<count { row[j] = exp(row[j] - peak); total += row[j] }
        for j in 0..<count { row[j] /= total }
    }
}
