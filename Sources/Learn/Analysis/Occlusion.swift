import Tensor

extension Sequential {
    /// Occlusion sensitivity: slides a `patch × patch` square (all channels) over the input in
    /// steps of `stride`, sets it to `fill` (the background), and records how much the
    /// probability of the target class (the predicted one unless given) drops. Each pixel gets
    /// the mean drop over the patches covering it; negative values mean hiding it raised the score.
    /// input: one sample (inputShape, or a batch of one) -> an H × W map.
    public func occlusion(_ input: Tensor, target: Int? = nil, patch: Int, stride: Int? = nil, fill: Float = 0,
                          batchSize: Int = 256) throws -> SensitivityMap {
        guard let shape = inputShape else {
            throw LearnError.invalidArgument("occlusion: the model is not built; call fit or load first")
        }
        let sample = try AnalysisShapes.batch(input, sampleShape: shape, caller: "occlusion")
        guard sample.shape[0] == 1 else {
            throw LearnError.shape("occlusion: expected one input, found a batch of \(sample.shape[0]); "
                                   + "call it once per input")
        }
        let step = stride ?? patch
        guard patch > 0, step > 0 else {
            throw LearnError.invalidArgument("occlusion: patch and stride must be at least 1, found patch \(patch), "
                                             + "stride \(step)")
        }
        let (h, w, c) = AnalysisShapes.plane(shape)
        let size = (height: min(patch, h), width: min(patch, w))
        let rows = Self.patchStarts(extent: h, patch: size.height, stride: step)
        let columns = Self.patchStarts(extent: w, patch: size.width, stride: step)
        let positions = rows.flatMap { r in columns.map { (r, $0) } }

        // Batch [1 + P] + shape: the unchanged input first, then one copy per patch position.
        let sampleSize = h * w * c
        var batch = Tensor(zeros: [1 + positions.count] + shape)
        let out = batch.mutablePointer
        for k in 0...positions.count { (out + k * sampleSize).update(from: sample.pointer, count: sampleSize) }
        for (k, (top, left)) in positions.enumerated() {
            let image = out + (k + 1) * sampleSize
            for y in top..<(top + size.height) {
                (image + (y * w + left) * c).update(repeating: fill, count: size.width * c)
            }
        }
        let probabilities = try classProbabilities(batch, batchSize: batchSize)
        let classes = probabilities.count / (1 + positions.count)
        let predicted = AnalysisShapes.argmax(probabilities.pointer, count: classes)
        let chosen = target ?? predicted
        guard chosen >= 0, chosen < classes else {
            throw LearnError.invalidArgument("occlusion: target class \(chosen) is outside 0..<\(classes)")
        }
        let base = probabilities[flat: chosen]
        var total = [Float](repeating: 0, count: h * w), covered = [Float](repeating: 0, count: h * w)
        for (k, (top, left)) in positions.enumerated() {
            let drop = base - probabilities[flat: (k + 1) * classes + chosen]
            for y in top..<(top + size.height) {
                for x in left..<(left + size.width) { total[y * w + x] += drop; covered[y * w + x] += 1 }
            }
        }
        let values = zip(total, covered).map { $1 > 0 ? $0 / $1 : 0 }
        return SensitivityMap(values: values, height: h, width: w, target: chosen, predicted: predicted, score: base)
    }

    /// Patch start offsets along one axis: every `stride`, plus a last one flush with the edge so
    /// every pixel is covered.
    static func patchStarts(extent: Int, patch: Int, stride: Int) -> [Int] {
        var starts = Array(Swift.stride(from: 0, through: extent - patch, by: stride))
        if let last = starts.last, last + patch < extent { starts.append(extent - patch) }
        return starts
    }
}
