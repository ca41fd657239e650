import Tensor

/// A skip connection around a stack of layers: y = x + f(x), where f runs the inner layers in
/// order and must keep the shape (e.g. `Residual { MultiHeadAttention(heads: 1, keyDim: 64) }`,
/// or a feed-forward `Residual { Dense(128, activation: .relu); Dense(64) }` for a Transformer
/// encoder block). Inner layers are named "<residual>/<layer>" and saved with the model.
public final class Residual: Layer {
    /// The layers of the residual branch, first to last.
    public let layers: [Layer]

    public init(_ layers: [Layer]) { self.layers = layers }
    public convenience init(@LayerBuilder _ content: () -> [Layer]) { self.init(content()) }

    public override var typeName: String { "Residual" }
    /// The branch's parameters, each named "<inner layer>/<parameter>", e.g. "dense/kernel".
    public override var parameters: [Parameter] {
        layers.flatMap { layer in
            layer.parameters.map { Parameter(name: "\(layer.name)/\($0.name)", variable: $0.variable, trainable: $0.trainable) }
        }
    }
    public override var config: LayerConfig {
        var c = LayerConfig(type: typeName)
        c.layers = layers.map { $0.config }
        return c
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard !layers.isEmpty else { throw LearnError.invalidArgument("Residual: the block has no layers; add at least one") }
        var used: [String: Int] = [:]
        var shape = inputShape
        for layer in layers {
            let k = used[layer.baseName, default: 0]
            used[layer.baseName] = k + 1
            layer.name = k == 0 ? layer.baseName : "\(layer.baseName)_\(k)"
            layer.inputShape = shape
            shape = try layer.build(inputShape: shape, rng: &rng)
            layer.outputShape = shape
        }
        guard shape == inputShape else {
            throw LearnError.shape("Residual: the block maps \(inputShape) to \(shape), but x + f(x) needs the same shape; make the last layer output \(inputShape.last ?? 0) features")
        }
        return shape
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        let wanted = context.wantLogits
        context.wantLogits = false  // inner softmax layers must produce probabilities
        defer { context.wantLogits = wanted }
        var h = x
        for layer in layers { h = try layer.forward(h, context: context) }
        return try Ops.add(h, x, into: out[0], tape: context.tape)
    }
}
