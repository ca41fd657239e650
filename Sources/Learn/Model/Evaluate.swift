import RunLimits
import Tensor

extension Sequential {
    /// Loss, accuracy, predictions, confusion matrix and per-class precision/recall/F1 on `data`
    /// (inference mode: dropout off, batch norm uses moving statistics). `loss` nil: `defaultLoss`.
    public func evaluate(_ data: LabeledBatches, batchSize: Int = 256, loss: Loss? = nil) throws -> Evaluation {
        let loss = loss ?? defaultLoss
        let (l, _, predictions, labels) = try run(data, batchSize: batchSize, loss: loss)
        let classes = max(data.classCount, (outputShape?.last ?? 1) > 1 ? outputShape!.last! : 2)
        // The confusion matrix is classes × classes counts.
        try RunBudget.shared.reserve(ByteCount.product(ByteCount.product(classes, classes), 8),
                                     for: "a confusion matrix of \(classes) × \(classes) classes")
        return Evaluation(loss: l, predictions: predictions, labels: labels, classes: classes)
    }

    /// Mean loss and accuracy on `data` in inference mode.
    func lossAndAccuracy(_ data: LabeledBatches, batchSize: Int, loss: Loss) throws -> (Double, Double) {
        let (l, correct, _, labels) = try run(data, batchSize: batchSize, loss: loss)
        return (l, labels.isEmpty ? 0 : Double(correct) / Double(labels.count))  // labels holds the scored rows
    }

    private func run(_ data: LabeledBatches, batchSize: Int, loss: Loss) throws -> (Double, Int, [Int32], [Int32]) {
        guard batchSize > 0 else {
            throw LearnError.invalidArgument("evaluate: batchSize must be at least 1, found \(batchSize)")
        }
        guard inputShape != nil else {
            throw LearnError.invalidArgument("evaluate: the model is not built or trained yet; call fit or load first")
        }
        try checkData(data, role: "evaluation")
        try checkLoss(loss, data: data, role: "evaluation")
        let buffers = BatchBuffers()
        let probability = outputIsProbability
        var total = 0.0, correct = 0, predictions: [Int32] = [], labels: [Int32] = []
        predictions.reserveCapacity(data.count); labels.reserveCapacity(data.count)
        var start = 0
        while start < data.count {
            let idx = Array(start..<min(start + batchSize, data.count))[...]
            try RunBudget.shared.checkTime(
                "while evaluating (samples \(start + 1) to \(start + idx.count) of \(data.count))")
            let x = buffers.fill(data, indices: idx, sampleShape: data.sampleShape)
            let ctx = ForwardContext(tape: nil, training: false, rng: SeededGenerator(seed: 0))
            ctx.wantLogits = loss == .softmaxCrossEntropy
            let out = try buffers.labelRows(try forward(x, context: ctx), samples: idx.count,
                                            labelsPerSample: data.labelsPerSample, tape: nil)
            let l = try buffers.labels.withUnsafeBufferPointer {
                try loss.compute(out, labels: $0.baseAddress!, targets: &buffers.targets,
                                 workspace: buffers.lossWorkspace,
                                 into: buffers.loss, tape: nil,
                                 outputIsProbability: probability && loss != .softmaxCrossEntropy)
            }
            total += Double(l.value[flat: 0]) * Double(idx.count)
            let rows = out.shape[0]
            correct += countCorrect(out, buffers: buffers, count: rows, loss: loss, probability: probability).correct
            for i in 0..<rows where buffers.mask.isEmpty || buffers.mask[i] != 0 {  // the scored rows only
                predictions.append(buffers.predicted[i]); labels.append(buffers.labels[i])
            }
            start += batchSize
        }
        return (total / Double(max(data.count, 1)), correct, predictions, labels)
    }

    /// Model outputs for `inputs`: [N] + inputShape -> [N] + outputShape (probabilities when the
    /// last layer is softmax/sigmoid).
    public func predict(_ inputs: Tensor, batchSize: Int = 256) throws -> Tensor {
        guard let shape = inputShape, let outShape = outputShape else {
            throw LearnError.invalidArgument("predict: the model is not built; call fit or load first")
        }
        guard inputs.rank == shape.count + 1, Array(inputs.shape.dropFirst()) == shape else {
            throw LearnError.shape("predict: expected inputs (N, \(shape.map(String.init).joined(separator: ", "))), "
                                   + "found \(inputs.shape)")
        }
        guard batchSize > 0 else { throw LearnError.invalidArgument("predict: batchSize must be at least 1") }
        return try inferInBatches(inputs, sampleShape: shape, outputShape: outShape,
                                  batchSize: batchSize) { x, context in
            try forward(x, context: context)
        }
    }

    /// Runs `run` in inference mode over `inputs`, `batchSize` samples at a time, and gathers the
    /// outputs — inputs: [N] + sampleShape -> [N] + outputShape. Shared by `predict` and `activations`.
    func inferInBatches(_ inputs: Tensor, sampleShape: [Int], outputShape: [Int], batchSize: Int,
                        _ run: (Variable, ForwardContext) throws -> Variable) throws -> Tensor {
        let n = inputs.shape[0], sampleIn = sampleShape.reduce(1, *), sampleOut = outputShape.reduce(1, *)
        var result = Tensor(zeros: [n] + outputShape)
        var start = 0
        while start < n {
            let m = min(batchSize, n - start)
            try RunBudget.shared.checkTime("while predicting (samples \(start + 1) to \(start + m) of \(n))")
            let x = Variable(Tensor(zeros: [m] + sampleShape), requiresGrad: false)
            x.value.mutablePointer.update(from: inputs.pointer + start * sampleIn, count: m * sampleIn)
            let out = try run(x, ForwardContext(tape: nil, training: false, rng: SeededGenerator(seed: 0)))
            (result.mutablePointer + start * sampleOut).update(from: out.value.pointer, count: m * sampleOut)
            start += m
        }
        return result
    }
}
