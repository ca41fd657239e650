import Tensor

/// A skip connection around a stack of layers: y = x + f(x), where f runs the inner layers in
/// order and must keep the shape (e.g. `Residual { MultiHeadAttention(heads: 1, keyDim: 64) }`,
/// or a feed-forward `Residual { Dense(128, activation: .relu); Dense(64) }` for a Transformer
/// encoder block). Inner layers are named "<residual>/<layer>" and saved with the model.
/// The skip path is, in turn:
/// - the layers written for it, `Residual(shortcut: { Conv2D(64, kernelSize: 1, strides: 2);
///   BatchNormalization() }) { … }`, as Keras code writes a ResNet's projection shortcut; the two
///   paths must end in the same shape;
/// - with `projection: true` and a branch that changes the shape, a learned 1×1 Conv2D with the
///   stride that matches the branch's output size for images [H, W, C] (C·F + F parameters, no
///   normalisation), or a Dense for sequences whose last axis changes;
/// - otherwise the identity.
public final class Residual: Layer {
    /// The layers of the residual branch, first to last.
    public let layers: [Layer]
    /// Whether a shape change is bridged by a learned shortcut instead of being an error.
    public let projection: Bool
    /// The skip path's layers as written (nil: identity or the automatic projection).
    public let shortcutLayers: [Layer]?
    /// The skip path as built: the written layers, the automatic projection, or none (identity).
    public private(set) var skipPath: [Layer] = []
    /// The automatic projection built for a shape-changing branch (nil otherwise).
    public var shortcut: Layer? { shortcutLayers == nil ? skipPath.first : nil }

    public init(_ layers: [Layer], projection: Bool = false, shortcut: [Layer]? = nil) {
        self.layers = layers; self.projection = projection; shortcutLayers = shortcut
    }
    public convenience init(projection: Bool = false, @LayerBuilder _ content: () -> [Layer]) {
        self.init(content(), projection: projection)
    }
    public convenience init(@LayerBuilder shortcut: () -> [Layer], @LayerBuilder _ content: () -> [Layer]) {
        self.init(content(), shortcut: shortcut())
    }

    public override class var spec: LayerSpec {
        LayerSpec("Residual", doc: "x + f(x) around the layers of its block", options: [
            LayerOption("layers", .layers, positional: true, doc: "the block f, first to last"),
            LayerOption("projection", .bool, default: .bool(false),
                        doc: "bridge a change of shape with a learned 1×1 Conv2D or Dense shortcut"),
            LayerOption("shortcut", .layers, optional: true, doc: "the skip path's layers, as written"),
        ]) { o in
            Residual(try o.layers("layers"), projection: try o.bool("projection"),
                     shortcut: try o.optional("shortcut", LayerOptions.layers))
        }
    }
    public override var options: LayerOptions {
        var own: LayerOptions = ["layers": .layers(layers), "projection": .bool(projection)]
        own["shortcut"] = shortcutLayers.map { .layers($0) }
        return own
    }
    /// Both paths as built; parameters are named "<inner layer>/<parameter>", e.g. "dense/kernel".
    /// Freezing the block freezes every inner layer too, so inner BatchNormalization layers
    /// normalise with their moving statistics (as Keras does for a frozen model).
    public override var children: [Layer] { layers + skipPath }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard !layers.isEmpty else {
            throw LearnError.invalidArgument("Residual: the block has no layers; add at least one")
        }
        var used: [String: Int] = [:]
        let shape = try buildChain(layers, from: inputShape, used: &used, rng: &rng)
        skipPath = []
        defer { for layer in skipPath { layer.trainable = trainable } }
        if let written = shortcutLayers {
            guard !written.isEmpty else {
                throw LearnError.invalidArgument("Residual: the shortcut has no layers; "
                                                 + "leave it out for an identity skip")
            }
            let skipShape = try buildChain(written, from: inputShape, used: &used, rng: &rng)
            guard skipShape == shape else {
                throw LearnError.shape("Residual: the block maps \(inputShape) to \(shape) but its shortcut to "
                                       + "\(skipShape); both paths must end in the same shape to be added")
            }
            skipPath = written
            return shape
        }
        guard shape != inputShape else { return shape }
        guard projection else {
            throw LearnError.shape("Residual: the block maps \(inputShape) to \(shape), "
                                   + "but x + f(x) needs the same shape; "
                                   + "make the last layer output \(inputShape.last ?? 0) features, "
                                   + "or write Residual(projection: true) { … } for a learned shortcut")
        }
        skipPath = [try makeShortcut(from: inputShape, to: shape, rng: &rng)]
        return shape
    }

    /// A 1×1 strided convolution (images) or a Dense (same leading axes) mapping `input` to `output`.
    private func makeShortcut(from input: [Int], to output: [Int], rng: inout SeededGenerator) throws -> Layer {
        let layer: Layer
        if input.count == 3, output.count == 3, output[0] > 0, output[1] > 0 {
            // the stride s with ceil(H / s) = Ho, as a same-padded strided convolution gives
            let stride = (max((input[0] + output[0] - 1) / output[0], 1),
                          max((input[1] + output[1] - 1) / output[1], 1))
            layer = Conv2D(output[2], kernelSize: (1, 1), strides: stride, padding: .valid)
        } else if input.count == output.count, input.dropLast() == output.dropLast(), let units = output.last {
            layer = Dense(units)
        } else {
            throw LearnError.shape("Residual(projection: true): cannot project \(input) to \(output); "
                                   + "the branch must keep the rank (images [H, W, C] may change size and channels, "
                                   + "sequences only their last axis)")
        }
        layer.name = "shortcut"
        layer.inputShape = input
        let built = try layer.build(inputShape: input, rng: &rng)
        layer.outputShape = built
        guard built == output else {
            throw LearnError.shape("Residual(projection: true): the shortcut maps \(input) to \(built) but the block "
                                   + "gives \(output); use strides that divide the image size")
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
        var skip = x
        for layer in skipPath { skip = try layer.forward(skip, context: context) }
        return try Ops.add(h, skip, into: out[0], tape: context.tape)
    }
}
