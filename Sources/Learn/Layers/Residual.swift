import Tensor

/// A skip connection around a stack of layers: y = x + f(x), where f runs the inner layers in
/// order and must keep the shape (e.g. `Residual { MultiHeadAttention(heads: 1, keyDim: 64) }`,
/// or a feed-forward `Residual { Dense(128, activation: .relu); Dense(64) }` for a Transformer
/// encoder block). Inner layers are named "<residual>/<layer>" and saved with the model.
/// With `projection: true` the branch may change the shape, as in ResNet: the skip path then
/// becomes a learned "shortcut" — a 1×1 Conv2D with the stride that matches the branch's
/// output size for images [H, W, C] (C·F + F parameters, no normalisation), or a Dense for
/// sequences whose last axis changes — and stays the identity when the shape is kept.
public final class Residual: Layer {
    /// The layers of the residual branch, first to last.
    public let layers: [Layer]
    /// Whether a shape change is bridged by a learned shortcut instead of being an error.
    public let projection: Bool
    /// The shortcut built for a shape-changing branch (nil when the skip is the identity).
    public private(set) var shortcut: Layer?

    /// Freezing the block freezes every inner layer too, so inner BatchNormalization layers
    /// normalise with their moving statistics (as Keras does for a frozen model).
    public override var trainable: Bool {
        didSet { for layer in layers + (shortcut.map { [$0] } ?? []) { layer.trainable = trainable } }
    }

    public init(_ layers: [Layer], projection: Bool = false) { self.layers = layers; self.projection = projection }
    public convenience init(projection: Bool = false, @LayerBuilder _ content: () -> [Layer]) {
        self.init(content(), projection: projection)
    }

    public override var typeName: String { "Residual" }
    /// The branch's parameters, each named "<inner layer>/<parameter>", e.g. "dense/kernel".
    public override var parameters: [Parameter] {
        (layers + (shortcut.map { [$0] } ?? [])).flatMap { layer in
            layer.parameters.map { Parameter(name: "\(layer.name)/\($0.name)", variable: $0.variable, trainable: $0.trainable) }
        }
    }
    public override var config: LayerConfig {
        var c = LayerConfig(type: typeName)
        c.layers = layers.map { $0.config }
        if projection { c.projection = true }
        return c
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard !layers.isEmpty else { throw LearnError.invalidArgument("Residual: the block has no layers; add at least one") }
        var used: [String: Int] = [:]
        let shape = try buildChain(layers, from: inputShape, used: &used, rng: &rng)
        shortcut = nil
        guard shape != inputShape else { return shape }
        guard projection else {
            throw LearnError.shape("Residual: the block maps \(inputShape) to \(shape), but x + f(x) needs the same shape; make the last layer output \(inputShape.last ?? 0) features, or write Residual(projection: true) { … } for a learned shortcut")
        }
        shortcut = try makeShortcut(from: inputShape, to: shape, rng: &rng)
        shortcut?.trainable = trainable
        return shape
    }

    /// A 1×1 strided convolution (images) or a Dense (same leading axes) mapping `input` to `output`.
    private func makeShortcut(from input: [Int], to output: [Int], rng: inout SeededGenerator) throws -> Layer {
        let layer: Layer
        if input.count == 3, output.count == 3, output[0] > 0, output[1] > 0 {
            // the stride s with ceil(H / s) = Ho, as a same-padded strided convolution gives
            let stride = (max((input[0] + output[0] - 1) / output[0], 1), max((input[1] + output[1] - 1) / output[1], 1))
            layer = Conv2D(output[2], kernelSize: (1, 1), strides: stride, padding: .valid)
        } else if input.count == output.count, input.dropLast() == output.dropLast(), let units = output.last {
            layer = Dense(units)
        } else {
            throw LearnError.shape("Residual(projection: true): cannot project \(input) to \(output); the branch must keep the rank (images [H, W, C] may change size and channels, sequences only their last axis)")
        }
        layer.name = "shortcut"
        layer.inputShape = input
        let built = try layer.build(inputShape: input, rng: &rng)
        layer.outputShape = built
        guard built == output else {
            throw LearnError.shape("Residual(projection: true): the shortcut maps \(input) to \(built) but the block gives \(output); use strides that divide the image size")
        }
        return layer
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        let wanted = context.wantLogits
        context.wantLogits = false  // inner softmax layers must produce probabilities
        defer { context.wantLogits = wanted }
        var h = x
        for layer in layers { h = try layer.forward(h, context: context) }
        let skip = try shortcut?.forward(x, context: context) ?? x
        return try Ops.add(h, skip, into: out[0], tape: context.tape)
    }
}
