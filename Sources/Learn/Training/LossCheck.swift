/// Whether a loss suits the model's output and the data's labels, checked before `fit` and
/// `evaluate` run: a mismatch would otherwise train silently on nothing (a softmax over one unit
/// is always 1) or fail deep inside the loss with a shape message that names no fix.
extension Loss {
    /// The name cells write after `loss: .`.
    public var cellName: String {
        switch self {
        case .softmaxCrossEntropy: return "crossEntropy"
        case .binaryCrossEntropy: return "binaryCrossEntropy"
        case .meanSquaredError: return "meanSquaredError"
        }
    }

    /// The loss a cell names, nil for an unknown name.
    public init?(cellName: String) {
        guard let loss = [Loss.softmaxCrossEntropy, .binaryCrossEntropy, .meanSquaredError]
            .first(where: { $0.cellName == cellName }) else { return nil }
        self = loss
    }

    /// Throws, naming the fix, unless `units` outputs per label can be scored against labels 0..<classes.
    func check(units: Int, classes: Int, role: String) throws {
        let softmax = "loss: .crossEntropy with Dense(\(max(classes, 2)), activation: .softmax) last"
        switch self {
        case .binaryCrossEntropy:
            guard units == 1 else {
                throw LearnError.shape("loss: .binaryCrossEntropy needs one sigmoid output unit per sample, but the "
                                       + "last layer has \(units) units; use Dense(1, activation: .sigmoid) last "
                                       + "for labels 0 and 1, or \(softmax) for \(classes) classes")
            }
            try checkBinaryLabels(classes: classes, role: role, fix: softmax)
        case .meanSquaredError where units == 1:
            try checkBinaryLabels(classes: classes, role: role, fix: softmax)
        case .softmaxCrossEntropy where units == 1:
            throw LearnError.shape("loss: .crossEntropy needs one output unit per class, but the last layer has 1 "
                                   + "unit (a softmax over one unit is always 1, so nothing would be learnt); "
                                   + "for labels 0 and 1 use loss: .binaryCrossEntropy with "
                                   + "Dense(1, activation: .sigmoid), or Dense(2, activation: .softmax)")
        default: break
        }
    }

    private func checkBinaryLabels(classes: Int, role: String, fix: String) throws {
        guard classes <= 2 else {
            throw LearnError.shape("loss: .\(cellName) with one output unit reads labels 0 and 1, but the \(role) "
                                   + "data has labels up to \(classes - 1); use \(fix)")
        }
    }
}

extension Sequential {
    /// Whether the model's output is already in 0…1 (softmax, sigmoid or step), so one unit is read
    /// as a probability and thresholded at 0.5 rather than as a logit at 0.
    var outputIsProbability: Bool { [.softmax, .sigmoid, .step].contains(outputActivation) }

    /// The loss `evaluate` uses when none is given: the one the model was fitted with, else
    /// binary cross-entropy for one output unit and cross-entropy for several.
    public var defaultLoss: Loss {
        trainingLoss ?? ((outputShape?.last ?? 2) == 1 ? .binaryCrossEntropy : .softmaxCrossEntropy)
    }

    /// `loss.check` for this model's output and `data`.
    func checkLoss(_ loss: Loss, data: LabeledBatches, role: String) throws {
        guard let units = outputShape?.last else { return }
        try loss.check(units: units, classes: data.classCount, role: role)
    }
}
