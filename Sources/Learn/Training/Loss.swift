import Tensor

/// The training objective `fit` and `evaluate` use with integer labels.
public enum Loss: String, Codable {
    /// Softmax cross-entropy from logits (a final softmax is fused away for stability).
    case softmaxCrossEntropy
    /// Binary cross-entropy on one sigmoid output (a final sigmoid is used as probability).
    case binaryCrossEntropy
    /// Mean squared error against one-hot targets.
    case meanSquaredError

    /// Computes the loss of `output` for `labels`; `targets` is scratch for one-hot/binary targets.
    func compute(_ output: Variable, labels: UnsafePointer<Int32>, targets: inout Tensor, workspace: Workspace,
                 into out: Variable, tape: Tape?, outputIsProbability: Bool) throws -> Variable {
        let n = output.shape[0], k = output.value.count / max(n, 1)
        switch self {
        case .softmaxCrossEntropy:
            return try Ops.softmaxCrossEntropy(logits: output, labels: labels, workspace: workspace, into: out,
                                               tape: tape)
        case .binaryCrossEntropy, .meanSquaredError:
            if targets.count != n * k { targets = Tensor(zeros: output.shape) } else {
                try targets.setShape(output.shape)
            }
            let t = targets.mutablePointer
            if self == .binaryCrossEntropy {
                guard k == 1 else {
                    throw LearnError.shape("binary cross-entropy needs one output unit per sample, "
                                           + "found \(output.shape)")
                }
                for i in 0..<n { t[i] = labels[i] != 0 ? 1 : 0 }
                return try Ops.binaryCrossEntropy(output, targets: targets, fromLogits: !outputIsProbability, into: out,
                                                  tape: tape)
            }
            t.update(repeating: 0, count: n * k)
            // One unit regresses onto the label itself (0 or 1); several onto the one-hot row.
            if k == 1 { for i in 0..<n { t[i] = labels[i] != 0 ? 1 : 0 } }
            else { for i in 0..<n where Int(labels[i]) < k { t[i * k + Int(labels[i])] = 1 } }
            return try Ops.meanSquaredError(output, targets: targets, into: out, tape: tape)
        }
    }
}
