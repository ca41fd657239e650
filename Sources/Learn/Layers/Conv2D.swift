import Tensor

/// 2-D convolution over NHWC inputs: y = activation(conv(x, kernel) + bias).
/// kernel: [Kh, Kw, C, filters] (Glorot uniform with receptive-field fans), bias: [filters]
/// unless `useBias` is false (as before a BatchNormalization, whose shift makes a bias redundant).
public final class Conv2D: Layer {
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let activation: ActivationFunction
    public let alpha: Float
    public let useBias: Bool
    private var kernel = Variable(zeros: [0]), bias = Variable(zeros: [0])
    /// Set by `Sequential` when the next layer is a plain 2×2 max pooling this layer runs fused.
    var fusedPool: MaxPool2D?

    public init(_ filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1), padding: Padding = .valid,
                activation: ActivationFunction = .linear, alpha: Float? = nil, useBias: Bool = true) {
        self.filters = filters; self.kernelSize = kernelSize; self.strides = strides
        self.padding = padding; self.activation = activation; self.alpha = alpha ?? activation.defaultAlpha
        self.useBias = useBias
    }

    /// Square kernel and stride, e.g. `Conv2D(32, kernelSize: 3, activation: .relu)`.
    public convenience init(_ filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding = .valid,
                            activation: ActivationFunction = .linear, alpha: Float? = nil, useBias: Bool = true) {
        self.init(filters, kernelSize: (kernelSize, kernelSize), strides: (strides, strides), padding: padding,
                  activation: activation, alpha: alpha, useBias: useBias)
    }

    public override class var spec: LayerSpec {
        LayerSpec("Conv2D", doc: "2-D convolution over [height, width, channels] images", options: [
            LayerOption("filters", .positiveInt, positional: true, doc: "output channels"),
            LayerOption("kernelSize", .windowSize, cell: "kernel", doc: "side of the square kernel"),
            LayerOption("strides", .windowSize, cell: "stride", default: .ints([1, 1]), doc: "step between windows"),
            .padding, .activation, .alpha, .useBias,
        ], weights: .kernelAndBias) { o in
            Conv2D(try o.int("filters"), kernelSize: try o.pair("kernelSize"),
                   strides: try o.pair("strides"),
                   padding: try o.padding("padding"),
                   activation: try o.optional("activation", LayerOptions.activation) ?? .linear,
                   alpha: try o.optional("alpha", LayerOptions.float), useBias: try o.bool("useBias"))
        }
    }
    public override var options: LayerOptions {
        ["filters": .int(filters), "kernelSize": .pair(kernelSize), "strides": .pair(strides),
         "padding": .padding(padding),
         "activation": .text(activation.rawValue), "alpha": .float(alpha), "useBias": .bool(useBias)]
    }
    public override var parameters: [Parameter] {
        [Parameter(name: "kernel", variable: kernel, trainable: true)]
            + (useBias ? [Parameter(name: "bias", variable: bias, trainable: true)] : [])
    }

    /// Whether this layer and a following `pool` can run as one fused op.
    func canFuse(_ pool: MaxPool2D) -> Bool {
        (activation == .relu || activation == .linear) && pool.poolSize == (2, 2) && pool.strides == (2, 2)
            && pool.padding == .valid && outputShape.count == 3 && outputShape[0] >= 2 && outputShape[1] >= 2
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard filters > 0 else {
            throw LearnError.invalidArgument("Conv2D: filters must be positive, found \(filters)")
        }
        guard inputShape.count == 3 else {
            throw LearnError.shape("Conv2D: expects samples of shape [height, width, channels], found \(inputShape); "
                                   + "reshape to e.g. [28, 28, 1]")
        }
        let g = try WindowGeometry(batch: 1, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                                   kernel: kernelSize, stride: strides, padding: padding)
        try reserveWeights([[kernelSize.0, kernelSize.1, inputShape[2], filters], [filters]])
        let field = kernelSize.0 * kernelSize.1
        kernel = Variable(Initializer.glorotUniform([kernelSize.0, kernelSize.1, inputShape[2], filters],
                                                    fanIn: field * inputShape[2], fanOut: field * filters, rng: &rng))
        bias = Variable(zeros: [filters])
        return [g.outHeight, g.outWidth, filters]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 2)
        if fusedPool != nil {  // returns the pooled output; the pooling layer then passes it through
            return try Ops.conv2dMaxPool2x2(x, kernel: kernel, bias: useBias ? bias : nil, stride: strides,
                                            padding: padding, activation: activation.pointwise, workspace: ws,
                                            into: out[0], tape: context.tape)
        }
        let z = try Ops.conv2d(x, kernel: kernel, bias: useBias ? bias : nil, stride: strides, padding: padding,
                               activation: activation.pointwise, alpha: alpha, workspace: ws, into: out[0],
                               tape: context.tape)
        return activation == .softmax && !context.wantLogits ? Ops.softmax(z, into: out[1], tape: context.tape) : z
    }
}
