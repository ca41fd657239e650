import RunLimits
import Tensor
import Dispatch

/// Reusable per-batch-size buffers for feeding data and computing the loss.
final class BatchBuffers {
    private var inputs: [Int: Variable] = [:]
    var labels: [Int32] = []
    var targets = Tensor(zeros: [0])
    let lossWorkspace = Workspace()
    let loss = Variable(zeros: []), penalty = Variable(zeros: []), total = Variable(zeros: [])
    /// The scalar being minimised in the current step (loss, or loss + penalty).
    var objective = Variable(zeros: [])
    var predicted: [Int32] = []
    /// Per-step scoring mask of the current batch (empty when every label is scored).
    var mask: [Float] = []
    /// Per-step outputs [N, L, K] viewed as rows [N·L, K] for the loss.
    let stepRows = Variable(zeros: [0])
    private var context: ForwardContext?

    /// The training forward pass's context on `tape`, starting from `rng`: one object for the whole fit, re-armed
    /// for each batch (a new one per batch was an allocation per batch).
    func forwardContext(tape: Tape, rng: SeededGenerator) -> ForwardContext {
        if let context, context.tape === tape {
            context.rng = rng
            context.wantLogits = false
            return context
        }
        let fresh = ForwardContext(tape: tape, training: true, rng: rng)
        context = fresh
        return fresh
    }

    func input(batch: Int, sampleShape: [Int]) -> Variable {
        if let v = inputs[batch] { return v }
        let v = Variable(zeros: [batch] + sampleShape, requiresGrad: false)
        inputs[batch] = v
        return v
    }

    /// Fills inputs and labels for `indices` from `data`.
    func fill(_ data: LabeledBatches, indices: ArraySlice<Int>, sampleShape: [Int]) -> Variable {
        let x = input(batch: indices.count, sampleShape: sampleShape)
        let rows = indices.count * data.labelsPerSample
        if labels.count < rows { labels = [Int32](repeating: 0, count: rows) }
        labels.withUnsafeMutableBufferPointer {
            data.fillBatch(indices: indices, inputs: x.value.mutablePointer, labels: $0.baseAddress!)
        }
        if let sequences = data as? LabeledSequences {
            if mask.count != rows { mask = [Float](repeating: 0, count: rows) }
            mask.withUnsafeMutableBufferPointer { sequences.fillMask(indices: indices, mask: $0.baseAddress!) }
        } else {
            mask.removeAll(keepingCapacity: true)
        }
        return x
    }

    /// The model output as one row per label: unchanged for one label per sample, else
    /// [N, L, K] -> [N·L, K] (recorded, so the loss's gradient reaches every step).
    func labelRows(_ out: Variable, samples n: Int, labelsPerSample l: Int, tape: Tape?) throws -> Variable {
        guard l > 1 else { return out }
        return try Ops.reshape(out, to: [n * l, out.value.count / max(n * l, 1)], into: stepRows, tape: tape)
    }
}

extension Sequential {
    /// Trains the model and returns per-epoch metrics.
    /// - Parameters:
    ///   - seed: makes the run repeatable bit for bit (weight init if untrained, shuffling,
    ///     dropout); nil draws fresh randomness.
    ///   - l2: weight-decay coefficient λ adding λ·Σw² over kernels to the loss.
    ///   - progress: where the progress line goes (default: stderr, Keras-like).
    /// - Throws: `LimitExceeded` when the run's time limit passes (checked after every batch; the
    ///   weights learned so far are kept); `LearnError.nonFiniteLoss` naming the epoch and batch when the loss becomes
    ///   NaN or infinite; the weights are then those of the last finite-loss batch.
    @discardableResult
    public func fit(_ train: LabeledBatches, validation: LabeledBatches? = nil, epochs: Int, batchSize: Int = 32,
                    optimizer: Optimizer = Adam(), loss: Loss = .softmaxCrossEntropy, l2: Float = 0,
                    callbacks: [Callback] = [], seed: UInt64? = nil, shuffle: Bool = true,
                    progress: ProgressSink? = TerminalProgress()) throws -> History {
        guard epochs > 0 else { throw LearnError.invalidArgument("fit: epochs must be at least 1, found \(epochs)") }
        guard batchSize > 0 else {
            throw LearnError.invalidArgument("fit: batchSize must be at least 1, found \(batchSize)")
        }
        guard train.count > 0 else { throw LearnError.invalidArgument("fit: the training data is empty") }
        var rng = SeededGenerator(seed: seed)
        if inputShape == nil || (seed != nil && !hasLearned) { try build(input: train.sampleShape, rng: &rng) }
        try checkData(train, role: "training")
        try checkLoss(loss, data: train, role: "training")
        if let validation { try checkData(validation, role: "validation") }
        try checkGradientPath()

        let params = allParameters.map(\.parameter)
        try reserveTrainingCopies(of: params, optimizer: optimizer)
        let buffers = BatchBuffers(), tape = Tape(), context = TrainingContext(model: self, optimizer: optimizer)
        // Frozen weights get no gradient: the backward then skips their products, and never walks
        // a frozen prefix of the model at all (its output needs no gradient either).
        for p in params { p.variable.requiresGrad = p.trainable }
        let kernels = allParameters.filter { $0.parameter.name == "kernel" && $0.parameter.trainable }
            .map(\.parameter.variable)
        let lastGood = params.map { $0.variable.value.copy() }  // written in place each step (no allocation)
        let probability = outputIsProbability
        var order = Array(0..<train.count)
        let batches = (train.count + batchSize - 1) / batchSize
        var history = History()
        hasLearned = true
        trainingLoss = loss

        for epoch in 0..<epochs {
            for c in callbacks { c.epochWillBegin(epoch, context: context) }
            let started = DispatchTime.now().uptimeNanoseconds
            if shuffle { rng.shuffle(&order) }
            var lossSum = 0.0, correct = 0, scored = 0, seen = 0
            for b in 0..<batches {
                let idx = order[(b * batchSize)..<min((b + 1) * batchSize, train.count)]
                let (value, out) = try step(train, indices: idx, buffers: buffers, tape: tape, rng: &rng,
                                            loss: loss, l2: l2, kernels: kernels, probability: probability)
                guard value.isFinite else {
                    for (p, w) in zip(params, lastGood) { try? p.variable.value.assign(w) }
                    throw LearnError.nonFiniteLoss(epoch: epoch + 1, batch: b + 1, value: value)
                }
                // These weights gave a finite loss: remember them. The optimizer writes those it updates
                // as it reads them; the rest (e.g. batch norm's moving statistics) are copied here.
                for (p, saved) in zip(params, lastGood) where !p.isUpdated {
                    saved.storage.pointer.update(from: p.variable.value.pointer, count: saved.count)
                }
                tape.backward(from: buffers.objective)
                optimizer.step(params, savingPrevious: lastGood)
                lossSum += Double(value) * Double(idx.count); seen += idx.count
                let (right, counted) = countCorrect(out, buffers: buffers, count: out.shape[0], loss: loss,
                                                    probability: probability)
                correct += right; scored += counted
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                progress?.batchDidEnd(epoch: epoch + 1, epochs: epochs, batch: b + 1, batches: batches,
                                      loss: lossSum / Double(seen), accuracy: Double(correct) / Double(max(scored, 1)),
                                      elapsed: elapsed)
                try RunBudget.shared.checkTime("while training (epoch \(epoch + 1), batch \(b + 1))")
            }
            var valLoss: Double?, valAcc: Double?
            if let validation {
                let (l, a) = try lossAndAccuracy(validation, batchSize: max(batchSize, 256), loss: loss)
                valLoss = l; valAcc = a
            }
            let record = EpochRecord(epoch: epoch + 1, loss: lossSum / Double(seen),
                                     accuracy: Double(correct) / Double(max(scored, 1)),
                                     validationLoss: valLoss, validationAccuracy: valAcc,
                                     learningRate: optimizer.learningRate,
                                     seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            history.epochs.append(record)
            progress?.epochDidEnd(record, epochs: epochs, batches: batches)
            for c in callbacks { c.epochDidEnd(epoch, record: record, context: context) }
            if context.stop { break }
        }
        for c in callbacks { c.trainingDidEnd(context: context) }
        return history
    }

    /// Forward pass and loss for one batch, recorded on `tape`; the scalar objective is left in
    /// `buffers.objective`. Returns the loss value and the model output.
    private func step(_ data: LabeledBatches, indices: ArraySlice<Int>, buffers: BatchBuffers, tape: Tape,
                      rng: inout SeededGenerator,
                      loss: Loss, l2: Float, kernels: [Variable], probability: Bool) throws -> (Float, Variable) {
        tape.reset()  // first: it releases views of the last batch (Ops.reshape), so the fill writes in place
        let x = buffers.fill(data, indices: indices, sampleShape: data.sampleShape)
        let context = buffers.forwardContext(tape: tape, rng: rng)
        context.wantLogits = loss == .softmaxCrossEntropy
        let out = try buffers.labelRows(try forward(x, context: context), samples: indices.count,
                                        labelsPerSample: data.labelsPerSample, tape: tape)
        rng = context.rng
        var objective = try buffers.labels.withUnsafeBufferPointer {
            try loss.compute(out, labels: $0.baseAddress!, targets: &buffers.targets, workspace: buffers.lossWorkspace,
                             into: buffers.loss, tape: tape,
                             outputIsProbability: probability && loss != .softmaxCrossEntropy)
        }
        if l2 > 0 {
            let penalty = Ops.l2Penalty(kernels, lambda: l2, into: buffers.penalty, tape: tape)
            objective = Ops.addScalars(objective, penalty, into: buffers.total, tape: tape)
        }
        buffers.objective = objective
        return (objective.value[flat: 0], out)
    }

    func checkData(_ data: LabeledBatches, role: String) throws {
        guard data.sampleShape == inputShape else {
            throw LearnError.shape("\(role) samples have shape \(data.sampleShape) but the model was built for "
                                   + "\(inputShape ?? []); reshape the data or rebuild the model")
        }
        if data.labelsPerSample > 1 {
            guard let out = outputShape, out.count == 2, out[0] == data.labelsPerSample,
                  out[1] >= data.classCount else {
                throw LearnError.shape("\(role) data has a label for each of \(data.labelsPerSample) steps, "
                                       + "so the model must output (\(data.labelsPerSample), \(data.classCount)) "
                                       + "per sample; found \(outputShape ?? []) — use returnSequences: true on the "
                                       + "last recurrent layer and Dense(\(data.classCount)) after it")
            }
            return
        }
        if let out = outputShape, out.count == 1, out[0] > 1, data.classCount > out[0] {
            throw LearnError.shape("\(role) data has \(data.classCount) classes but the last layer has \(out[0]) "
                                   + "units; use Dense(\(data.classCount)) last")
        }
    }

    /// Correct predictions among the scored rows of a batch (all rows unless the data has a mask),
    /// and how many rows were scored: argmax for multi-class outputs, threshold for one unit.
    func countCorrect(_ out: Variable, buffers: BatchBuffers, count n: Int, loss: Loss,
                      probability: Bool) -> (correct: Int, scored: Int) {
        let k = out.value.count / max(n, 1)
        if buffers.predicted.count < n { buffers.predicted = [Int32](repeating: 0, count: n) }
        let o = out.value.pointer
        buffers.predicted.withUnsafeMutableBufferPointer { pred in
            // One unit: a probability (or an MSE regression onto 0/1) splits at 0.5, a logit at 0.
            let cut: Float = probability || loss == .meanSquaredError ? 0.5 : 0
            if k == 1 { for i in 0..<n { pred[i] = o[i] > cut ? 1 : 0 } }
            else { Kernels.argmaxRows(o, rows: n, cols: k, into: pred.baseAddress!) }
        }
        if !buffers.mask.isEmpty {
            var correct = 0, scored = 0
            for i in 0..<n where buffers.mask[i] != 0 {
                scored += 1
                if buffers.predicted[i] == buffers.labels[i] { correct += 1 }
            }
            return (correct, scored)
        }
        var correct = 0
        for i in 0..<n where buffers.predicted[i] == buffers.labels[i] { correct += 1 }
        return (correct, n)
    }
}

extension Sequential {
    /// Training keeps, besides each weight, its gradient, a last-good copy and the optimizer's state
    /// (Adam two moments, RMSProp one, SGD one with momentum): checked against the budget first.
    func reserveTrainingCopies(of params: [Parameter], optimizer: Optimizer) throws {
        let state: Int
        switch optimizer {
        case is Adam: state = 2
        case let sgd as SGD: state = sgd.momentum == 0 ? 0 : 1
        default: state = 1
        }
        let count = params.reduce(0) { ShapeSize.sum($0, $1.variable.value.count) }
        let what = "training \(ShapeSize.grouped(count)) weights with \(optimizer.name) (\(2 + state) copies of each)"
        try RunBudget.shared.reserve(ByteCount.product(try ShapeSize.floatBytes(count, of: what), 2 + state), for: what)
    }
}
