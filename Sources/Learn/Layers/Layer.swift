import Tensor

/// What a forward pass needs besides the input: the tape (nil when not differentiating),
/// training vs inference mode, the run's random generator (dropout), and whether the last
/// layer should hand back logits instead of softmax probabilities (fused cross-entropy).
public final class ForwardContext {
    public let tape: Tape?
    public let training: Bool
    public var rng: SeededGenerator
    public var wantLogits = false

    public init(tape: Tape?, training: Bool, rng: SeededGenerator = SeededGenerator(seed: nil)) {
        self.tape = tape; self.training = training; self.rng = rng
    }
}

/// Activation choices for layers: the pointwise ones plus softmax (over the last axis).
public enum ActivationFunction: String, Codable, CaseIterable, Sendable {
    case linear, relu, leakyRelu, elu, gelu, tanh, sigmoid, softmax
    /// Heaviside (1 where x ≥ 0, else 0), for hand-set perceptrons: it passes no gradient, so
    /// `fit` refuses a model whose every trainable layer lies behind one (`checkGradientPath`).
    case step

    /// Keras's default parameter: slope 0.2 for leakyRelu (as `keras.activations.leaky_relu`),
    /// scale 1.0 for elu; unused by the others.
    public var defaultAlpha: Float { self == .elu ? 1 : 0.2 }

    /// The pointwise activation to fuse into a Dense/Conv2D op (softmax runs as its own op).
    var pointwise: Activation { Activation(rawValue: rawValue) ?? .linear }

    /// Applies the activation (alpha: leakyRelu slope / elu scale).
    func apply(_ x: Variable, alpha: Float, context: ForwardContext, into out: Variable) -> Variable {
        if self == .softmax { return Ops.softmax(x, into: out, tape: context.tape) }
        let kind = Activation(rawValue: rawValue) ?? .linear
        return Ops.activation(x, kind, alpha: alpha, into: out, tape: context.tape)
    }
}

/// Base class of all layers. A layer is built once for a sample shape (creating its weights),
/// then runs forward on batches. Output buffers and scratch space are cached per batch size so
/// steady-state training never allocates.
open class Layer {
    /// Unique name inside the model (Keras style: "dense", "dense_1"); set by `Sequential`.
    public internal(set) var name: String = ""
    /// Sample shape the layer was built for (without the batch dimension).
    public internal(set) var inputShape: [Int] = []
    /// Output sample shape.
    public internal(set) var outputShape: [Int] = []
    /// Whether `fit` updates this layer's weights (Keras's `trainable`). A frozen layer keeps its
    /// weights, and a frozen BatchNormalization normalises with its moving statistics, as in Keras.
    /// Freezing a container (Residual, TransformerEncoder) freezes everything inside it too.
    public var trainable = true {
        didSet { for child in children { child.trainable = trainable } }
    }
    private var buffers: [Int: ([Variable], Workspace)] = [:]

    public init() {}

    /// The layer type's one description: names, options, weight form (see `LayerRegistry`).
    /// Every concrete layer overrides it.
    open class var spec: LayerSpec {
        LayerSpec("Layer", doc: "a layer type that is not registered", make: { _ in Layer() })
    }
    /// Keras class name shown in summaries, e.g. "Conv2D".
    public var typeName: String { type(of: self).spec.typeName }
    /// Base for automatic names, e.g. "conv2d".
    public var baseName: String { type(of: self).spec.baseName }
    /// The configuration this layer was made with, by option key (see `spec.options`): what
    /// `Sequential.save` writes and `spec` makes the layer again from.
    open var options: LayerOptions { [:] }
    /// The layers a container runs, built (empty for a plain layer): weight import, parameter
    /// collection and freezing reach inner layers through it.
    open var children: [Layer] { [] }
    /// Weights and statistics, in save order: by default the children's, each named
    /// "<child>/<parameter>", e.g. "dense/kernel".
    open var parameters: [Parameter] {
        children.flatMap { child in
            child.parameters.map {
                Parameter(name: "\(child.name)/\($0.name)", variable: $0.variable, trainable: $0.trainable)
            }
        }
    }

    /// Creates the weights for `inputShape` and returns the output sample shape.
    open func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] { inputShape }

    /// Runs the layer on a batch — x: [N] + inputShape -> [N] + outputShape.
    open func forward(_ x: Variable, context: ForwardContext) throws -> Variable { x }

    /// The cached output variables (`count` of them) and workspace for this batch size.
    func cache(batch: Int, outputs count: Int) -> ([Variable], Workspace) {
        if let hit = buffers[batch], hit.0.count == count { return hit }
        if buffers.count >= 8 { buffers.removeAll() }  // bound memory when callers vary batch sizes
        let fresh = ((0..<count).map { _ in Variable(zeros: [0]) }, Workspace())
        buffers[batch] = fresh
        return fresh
    }

    /// Checks the rank of a batch input against the built shape.
    func checkInput(_ x: Variable) throws {
        guard x.shape.dropFirst().elementsEqual(inputShape) else {  // no copy of the shape per batch
            let expected = inputShape.map(String.init).joined(separator: ", ")
            throw LearnError.shape("\(name) (\(typeName)): expected input (None, \(expected)), found \(x.shape)")
        }
    }
}

/// Keras default initialisers.
public enum Initializer {
    /// Glorot (Xavier) uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)).
    public static func glorotUniform(_ shape: [Int], fanIn: Int, fanOut: Int,
                                     rng: inout SeededGenerator) -> Tensor {
        let limit = (6 / Float(max(fanIn + fanOut, 1))).squareRoot()
        return Tensor.uniform(shape: shape, low: -limit, high: limit, using: &rng)
    }
}
