import Tensor

/// How much each pixel of one input matters to the model's score for one class: a saliency
/// gradient or an occlusion drop, as a `height × width` map (channels folded together).
public struct SensitivityMap: Sendable {
    /// `height × width` values, row-major, top row first; larger means more important.
    public var values: [Float]
    /// Rows of the map (the input's first axis).
    public let height: Int
    /// Columns of the map (the input's second axis; 1 for a flat input).
    public let width: Int
    /// The class the map explains (the predicted one unless a target was given).
    public let target: Int
    /// The class the model predicts for the unchanged input.
    public let predicted: Int
    /// The model's score for `target` on the unchanged input (logit for saliency, probability
    /// for occlusion).
    public let score: Float

    /// The largest value of the map (0 for an empty map).
    public var peak: Float { values.max() ?? 0 }
}

/// Shape helpers shared by the analysis functions.
enum AnalysisShapes {
    /// (height, width, channels) of a sample shape: [H, W, C], [H, W] or a flat [D] (as 1 × D).
    static func plane(_ shape: [Int]) -> (height: Int, width: Int, channels: Int) {
        switch shape.count {
        case 0: return (1, 1, 1)
        case 1: return (1, shape[0], 1)
        case 2: return (shape[0], shape[1], 1)
        default: return (shape[0], shape[1], shape.dropFirst(2).reduce(1, *))
        }
    }

    /// The samples of `inputs` as a batch [N] + sampleShape: accepts one sample (sampleShape) or a batch.
    static func batch(_ inputs: Tensor, sampleShape: [Int], caller: String) throws -> Tensor {
        if inputs.shape == sampleShape { return try inputs.reshaped([1] + sampleShape) }
        guard inputs.rank == sampleShape.count + 1, Array(inputs.shape.dropFirst()) == sampleShape else {
            let expected = sampleShape.map(String.init).joined(separator: ", ")
            throw LearnError.shape("\(caller): expected one input of shape (\(expected)) or a batch (N, \(expected)), "
                                   + "found \(inputs.shape)")
        }
        return inputs
    }

    /// Index of the largest of `count` values at `p`.
    static func argmax(_ p: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for i in 1..<max(count, 1) where p[i] > p[best] { best = i }
        return best
    }
}
