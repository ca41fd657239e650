import Tensor

/// Layer normalisation over the last axis (each sample's features at each step), as Keras:
/// gamma (ones) and beta (zeros), both trainable, 2·C parameters; ε = 1e-3.
public final class LayerNormalization: Layer {
    /// Added to the variance before the square root.
    public let epsilon: Float
    private var gamma = Variable(zeros: [0]), beta = Variable(zeros: [0])

    public init(epsilon: Float = 1e-3) { self.epsilon = epsilon }

    public override class var spec: LayerSpec {
        LayerSpec("LayerNormalization", baseName: "layer_normalization",
                  doc: "normalises each sample's features at each step", options: [
                      LayerOption("epsilon", .number(.positive), default: .number(0.001), doc: "added to the variance"),
                  ], weights: .normalization(statistics: false)) { o in
            LayerNormalization(epsilon: try o.float("epsilon"))
        }
    }
    public override var options: LayerOptions { ["epsilon": .float(epsilon)] }
    public override var parameters: [Parameter] {
        [Parameter(name: "gamma", variable: gamma, trainable: true),
         Parameter(name: "beta", variable: beta, trainable: true)]
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard let features = inputShape.last, features > 0 else {
            throw LearnError.shape("LayerNormalization: input needs a feature axis, found \(inputShape)")
        }
        guard epsilon > 0 else {
            throw LearnError.invalidArgument("LayerNormalization: epsilon must be positive, found \(epsilon)")
        }
        gamma = Variable(Tensor(repeating: 1, shape: [features]))
        beta = Variable(zeros: [features])
        return inputShape
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.layerNorm(x, gamma: gamma, beta: beta, epsilon: epsilon, workspace: ws, into: out[0],
                                 tape: context.tape)
    }
}
