import Tensor

/// Fully connected layer: y = activation(x · kernel + bias) on the last axis.
/// kernel: [inputs, units] (Glorot uniform), bias: [units] (zeros) — Keras's layout.
public final class Dense: Layer {
    public let units: Int
    public let activation: ActivationFunction
    public let alpha: Float
    public let useBias: Bool
    private var kernel = Variable(zeros: [0]), bias = Variable(zeros: [0])

    /// - Parameters: units: output width; activation: applied after the affine map.
    public init(_ units: Int, activation: ActivationFunction = .linear, alpha: Float? = nil, useBias: Bool = true) {
        self.units = units; self.activation = activation; self.alpha = alpha ?? activation.defaultAlpha
        self.useBias = useBias
    }

    public override class var spec: LayerSpec {
        LayerSpec("Dense", doc: "fully connected: activation(x · kernel + bias) on the last axis", options: [
            LayerOption("units", .positiveInt, positional: true, doc: "output width"),
            .activation, .alpha,
            LayerOption("useBias", .bool, default: .bool(true), inCells: false, doc: "add a bias"),
        ], weights: .kernelAndBias) { o in
            Dense(try o.int("units"), activation: try o.optional("activation", LayerOptions.activation) ?? .linear,
                  alpha: try o.optional("alpha", LayerOptions.float), useBias: try o.bool("useBias"))
        }
    }
    public override var options: LayerOptions {
        ["units": .int(units), "activation": .text(activation.rawValue), "alpha": .float(alpha),
         "useBias": .bool(useBias)]
    }
    public override var parameters: [Parameter] {
        [Parameter(name: "kernel", variable: kernel, trainable: true)]
            + (useBias ? [Parameter(name: "bias", variable: bias, trainable: true)] : [])
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard units > 0 else { throw LearnError.invalidArgument("Dense: units must be positive, found \(units)") }
        guard let fanIn = inputShape.last, fanIn > 0 else {
            throw LearnError.shape("Dense: input needs a last dimension, found \(inputShape); "
                                   + "add Flatten() before Dense")
        }
        try reserveWeights([[fanIn, units], [units]])
        kernel = Variable(Initializer.glorotUniform([fanIn, units], fanIn: fanIn, fanOut: units, rng: &rng))
        bias = Variable(zeros: [units])
        return Array(inputShape.dropLast()) + [units]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 2)
        let z = try Ops.dense(x, kernel: kernel, bias: useBias ? bias : nil, activation: activation.pointwise,
                              alpha: alpha, workspace: ws, into: out[0], tape: context.tape)
        return activation == .softmax && !context.wantLogits ? Ops.softmax(z, into: out[1], tape: context.tape) : z
    }
}
