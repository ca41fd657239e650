import Tensor

/// Batch normalisation over the last axis. Four values per channel, as Keras: gamma and beta
/// (trainable), moving mean and moving variance (non-trainable, updated while training).
public final class BatchNormalization: Layer {
    public let momentum: Float, epsilon: Float
    private var gamma = Variable(zeros: [0]), beta = Variable(zeros: [0])
    private var movingMean = Variable(zeros: [0], requiresGrad: false)
    private var movingVariance = Variable(zeros: [0], requiresGrad: false)

    /// Training batches the moving statistics have followed since the layer was built; nil when
    /// they were loaded from a file (their history is unknown, so they are trusted).
    public internal(set) var statisticUpdates: Int? = 0

    public init(momentum: Float = 0.99, epsilon: Float = 1e-3) { self.momentum = momentum; self.epsilon = epsilon }

    public override class var spec: LayerSpec {
        LayerSpec("BatchNormalization", baseName: "batch_normalization",
                  doc: "normalises each channel: batch statistics while training, moving ones after",
                  options: [
                      LayerOption("momentum", .number(.any), default: .number(0.99),
                                  doc: "how slowly the moving statistics follow the batches"),
                      LayerOption("epsilon", .number(.any), default: .number(0.001), doc: "added to the variance"),
                  ], weights: .normalization(statistics: true)) { o in
            BatchNormalization(momentum: try o.float("momentum"), epsilon: try o.float("epsilon"))
        }
    }
    public override var options: LayerOptions { ["momentum": .float(momentum), "epsilon": .float(epsilon)] }
    public override var parameters: [Parameter] {
        [Parameter(name: "gamma", variable: gamma, trainable: true),
         Parameter(name: "beta", variable: beta, trainable: true),
         Parameter(name: "moving_mean", variable: movingMean, trainable: false),
         Parameter(name: "moving_variance", variable: movingVariance, trainable: false)]
    }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard let channels = inputShape.last, channels > 0 else {
            throw LearnError.shape("BatchNormalization: input needs a channel axis, found \(inputShape)")
        }
        gamma = Variable(Tensor(repeating: 1, shape: [channels]))
        beta = Variable(zeros: [channels])
        movingMean = Variable(zeros: [channels], requiresGrad: false)
        movingVariance = Variable(Tensor(repeating: 1, shape: [channels]), requiresGrad: false)
        statisticUpdates = 0
        return inputShape
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 1)
        let updating = context.training && trainable
        if updating, let seen = statisticUpdates { statisticUpdates = seen + 1 }
        return try Ops.batchNorm(x, gamma: gamma, beta: beta, movingMean: movingMean, movingVariance: movingVariance,
                                 momentum: momentum, epsilon: epsilon, training: updating,
                                 workspace: ws, into: out[0], tape: context.tape)
    }
}

/// Randomly zeroes a fraction `rate` of its inputs while training; identity at inference.
public final class Dropout: Layer {
    public let rate: Float
    public init(_ rate: Float) { self.rate = rate }
    public override class var spec: LayerSpec {
        LayerSpec("Dropout", doc: "zeroes a random fraction of the values while training", options: [
            LayerOption("rate", .number(.fraction), positional: true, doc: "the fraction zeroed, in 0..<1"),
        ]) { o in Dropout(try o.float("rate")) }
    }
    public override var options: LayerOptions { ["rate": .float(rate)] }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard rate >= 0, rate < 1 else {
            throw LearnError.invalidArgument("Dropout: rate must be in [0, 1), found \(rate)")
        }
        return inputShape
    }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 1)
        return Ops.dropout(x, rate: rate, training: context.training, rng: &context.rng, workspace: ws, into: out[0],
                           tape: context.tape)
    }
}
