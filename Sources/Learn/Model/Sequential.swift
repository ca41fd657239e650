import Tensor

/// Builds a layer list with `Sequential { Conv2D(…); MaxPool2D(); … }`.
@resultBuilder
public enum LayerBuilder {
    public static func buildBlock(_ parts: [Layer]...) -> [Layer] { parts.flatMap { $0 } }
    public static func buildExpression(_ layer: Layer) -> [Layer] { [layer] }
    public static func buildOptional(_ layers: [Layer]?) -> [Layer] { layers ?? [] }
    public static func buildEither(first layers: [Layer]) -> [Layer] { layers }
    public static func buildEither(second layers: [Layer]) -> [Layer] { layers }
    public static func buildArray(_ parts: [[Layer]]) -> [Layer] { parts.flatMap { $0 } }
}

/// A stack of layers applied in order, trained with `fit` and used with `evaluate`/`predict`.
public final class Sequential {
    /// The layers, first to last.
    public let layers: [Layer]
    /// Sample shape the model was built for (nil until built).
    public private(set) var inputShape: [Int]?
    /// True once weights were trained or loaded; a seeded `fit` re-initialises untrained weights.
    var hasLearned = false
    /// The loss of the last `fit` (nil before): `evaluate` scores with it unless told otherwise.
    public internal(set) var trainingLoss: Loss?

    public init(_ layers: [Layer]) { self.layers = layers }
    public convenience init(@LayerBuilder _ content: () -> [Layer]) { self.init(content()) }

    /// Names the layers Keras-style and creates every weight for samples of shape `input`
    /// (e.g. [28, 28, 1]). Re-building re-initialises the weights.
    public func build(input: [Int], seed: UInt64? = nil) throws {
        var rng = SeededGenerator(seed: seed)
        try build(input: input, rng: &rng)
    }

    func build(input: [Int], rng: inout SeededGenerator) throws {
        guard !layers.isEmpty else {
            throw LearnError.invalidArgument("Sequential: the model has no layers; add at least one")
        }
        guard !input.isEmpty, input.allSatisfy({ $0 > 0 }) else {
            throw LearnError.shape("Sequential: input shape must be positive sizes without the batch, e.g. [28, 28, "
                                   + "1]; found \(input)")
        }
        try checkSampleSize(input, "the model's input")
        var used: [String: Int] = [:]
        _ = try buildChain(layers, from: input, used: &used, rng: &rng)
        inputShape = input
        hasLearned = false
        linkFusedLayers()
    }

    /// Whether Conv2D(relu or linear) followed by MaxPool2D(2) runs as one fused op (same
    /// results, less memory traffic). On by default; switching it takes effect immediately.
    public var fusesConvolutionAndPooling = true {
        didSet { if inputShape != nil { linkFusedLayers() } }
    }

    private func linkFusedLayers() {
        for (i, layer) in layers.enumerated() {
            guard let conv = layer as? Conv2D else { continue }
            let pool = i + 1 < layers.count ? layers[i + 1] as? MaxPool2D : nil
            conv.fusedPool?.fusedIntoPrevious = false
            conv.fusedPool = nil
            if fusesConvolutionAndPooling, let pool, conv.canFuse(pool) {
                conv.fusedPool = pool
                pool.fusedIntoPrevious = true
            }
        }
    }

    /// Sample shape of the model's output (nil until built).
    public var outputShape: [Int]? { inputShape == nil ? nil : layers.last?.outputShape }

    /// Every parameter with its layer's name, in save order; the parameters of frozen layers
    /// (`trainable = false`) are marked not trainable.
    public var allParameters: [(layer: String, parameter: Parameter)] {
        layers.flatMap { l in
            l.parameters.map {
                (l.name, l.trainable ? $0 : Parameter(name: $0.name, variable: $0.variable, trainable: false))
            }
        }
    }

    /// Freezes the first `count` layers (their weights stay as they are during `fit`) and unfreezes
    /// the rest: the usual first step of fine-tuning a pretrained model.
    public func freeze(upTo count: Int) throws {
        guard count >= 0, count <= layers.count else {
            throw LearnError.invalidArgument("freeze(upTo:): the model has \(layers.count) layers, "
                                             + "so count must be in 0...\(layers.count); found \(count)")
        }
        for (i, layer) in layers.enumerated() { layer.trainable = i >= count }
    }

    /// Makes every layer trainable again (e.g. to fine-tune everything with a smaller learning rate).
    public func unfreeze() { for layer in layers { layer.trainable = true } }

    /// A model that keeps this one's layers except the last `count` and puts `head` after them: the
    /// kept layers (and so their weights) are shared with this model, only the head is created.
    /// Use it to reuse a trained network for a new task ("replace the head").
    public func replacingLast(_ count: Int, with head: [Layer], seed: UInt64? = nil) throws -> Sequential {
        guard let input = inputShape else {
            throw LearnError.invalidArgument("replacingLast: the model is not built or trained; fit or load it first")
        }
        guard count >= 0, count < layers.count else {
            throw LearnError.invalidArgument("replacingLast: can drop 0..<\(layers.count) layers of this model, "
                                             + "found \(count)")
        }
        guard !head.isEmpty, !head.contains(where: { h in layers.contains { $0 === h } }) else {
            throw LearnError.invalidArgument("replacingLast: give new layers for the head, e.g. [Dense(10)]")
        }
        let kept = Array(layers.dropLast(count))
        let model = Sequential(kept + head)
        var used: [String: Int] = [:]
        for layer in kept { used[layer.baseName, default: 0] += 1 }
        var rng = SeededGenerator(seed: seed)
        _ = try buildChain(head, from: kept.last?.outputShape ?? input, used: &used, rng: &rng)
        model.inputShape = input
        model.hasLearned = true  // a seeded fit must not re-initialise the pretrained layers
        model.linkFusedLayers()
        return model
    }

    /// Runs all layers — x: [N] + inputShape -> [N] + outputShape.
    public func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        guard inputShape != nil else {
            throw LearnError.invalidArgument("the model is not built; call build(input:) or fit first")
        }
        var h = x
        for (i, layer) in layers.enumerated() {
            let last = i == layers.count - 1
            let wanted = context.wantLogits
            if !last { context.wantLogits = false }
            h = try layer.forward(h, context: context)
            context.wantLogits = wanted
        }
        return h
    }

    /// The activation applied by the last layer (softmax/sigmoid mean the output is a probability).
    var outputActivation: ActivationFunction {
        switch layers.last {
        case let d as Dense: return d.activation
        case let c as Conv2D: return c.activation
        case let a as ActivationLayer: return a.function
        default: return .linear
        }
    }
}
