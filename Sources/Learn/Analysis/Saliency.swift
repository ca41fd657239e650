import Tensor

extension Sequential {
    /// Saliency maps: for each input, |∂ score / ∂ pixel| where the score is the logit of the
    /// predicted class (or of `targets[i]`), folded over channels by the largest magnitude.
    /// inputs: one sample (inputShape) or a batch [N] + inputShape -> N maps of H × W.
    public func saliency(_ inputs: Tensor, targets: [Int]? = nil) throws -> [SensitivityMap] {
        let (gradient, logits, chosen) = try inputGradient(inputs, targets: targets)
        let (h, w, c) = AnalysisShapes.plane(Array(gradient.shape.dropFirst()))
        let classes = logits.count / max(chosen.count, 1)
        return chosen.indices.map { i in
            let g = gradient.pointer + i * h * w * c
            let values = (0..<(h * w)).map { p in (0..<c).reduce(Float(0)) { max($0, abs(g[p * c + $1])) } }
            let row = logits.pointer + i * classes
            let predicted = classes == 1 ? (row[0] > 0 ? 1 : 0) : AnalysisShapes.argmax(row, count: classes)
            let score = classes == 1 ? (chosen[i] == 1 ? row[0] : -row[0]) : row[chosen[i]]
            return SensitivityMap(values: values, height: h, width: w, target: chosen[i], predicted: predicted,
                                  score: score)
        }
    }

    /// The raw gradient of each input's class score with respect to the input (same shape as the
    /// batch), the logits [N, K], and the class each score belongs to. A single-unit output counts
    /// as two classes: the score of class 1 is the unit, of class 0 its negative.
    public func inputGradient(_ inputs: Tensor,
                              targets: [Int]? = nil) throws -> (gradient: Tensor, logits: Tensor, targets: [Int]) {
        guard let shape = inputShape, let outShape = outputShape else {
            throw LearnError.invalidArgument("saliency: the model is not built; call fit or load first")
        }
        let batch = try AnalysisShapes.batch(inputs, sampleShape: shape, caller: "saliency")
        let n = batch.shape[0], classes = outShape.reduce(1, *), choices = max(classes, 2)
        if let targets {
            guard targets.count == n else {
                throw LearnError.invalidArgument("saliency: \(targets.count) target classes for \(n) inputs; "
                                                 + "give one per input or none")
            }
            if let bad = targets.first(where: { $0 < 0 || $0 >= choices }) {
                throw LearnError.invalidArgument("saliency: target class \(bad) is outside 0..<\(choices)")
            }
        }
        let input = Variable(batch.copy(), requiresGrad: true)
        let tape = Tape()
        let context = ForwardContext(tape: tape, training: false, rng: SeededGenerator(seed: 0))
        context.wantLogits = true  // differentiate the logit, not the saturating softmax probability
        let logits = try forward(input, context: context)
        let rows = logits.value.pointer
        let chosen = targets ?? (0..<n).map { i in
            classes == 1 ? (rows[i] > 0 ? 1 : 0) : AnalysisShapes.argmax(rows + i * classes, count: classes)
        }
        try recordScore(logits, chosen: chosen, classes: classes, tape: tape).flatMap { tape.backward(from: $0) }
        let gradient = input.gradGeneration == tape.generation ? input.grad.copy() : Tensor(zeros: batch.shape)
        return (try gradient.reshaped(batch.shape), logits.value.copy(), chosen)
    }

    /// score = Σᵢ logits[i, chosen[i]] (sign-flipped for class 0 of a single unit) — logits: [N, K] -> [1].
    /// Samples do not interact in inference mode, so one backward pass gives every input's own gradient.
    private func recordScore(_ logits: Variable, chosen: [Int], classes: Int, tape: Tape) throws -> Variable? {
        guard logits.requiresGrad else { return nil }
        let score = Variable(zeros: [1])
        var total: Float = 0
        for (i, c) in chosen.enumerated() {
            total += classes == 1 ? (c == 1 ? logits.value[flat: i] : -logits.value[flat: i])
                                  : logits.value[flat: i * classes + c]
        }
        score.value.mutablePointer[0] = total
        tape.record(inputs: [logits], output: score) { tape in
            guard let seed = score.incomingGrad(tape) else { return }
            let (g, first) = logits.writableGrad(tape)
            if first { g.update(repeating: 0, count: logits.value.count) }
            for (i, c) in chosen.enumerated() {
                if classes == 1 { g[i] += c == 1 ? seed[0] : -seed[0] } else { g[i * classes + c] += seed[0] }
            }
        }
        return score
    }
}
