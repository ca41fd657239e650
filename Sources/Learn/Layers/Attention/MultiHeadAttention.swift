import Tensor
import RunLimits

/// Multi-head self-attention, as Keras's `MultiHeadAttention` called with query = key = value = x:
/// x [T, F] is projected to queries, keys and values of `heads` × `keyDim` (Dense with bias),
/// each head attends with softmax(q·kᵀ/√keyDim)·v (with `causal`, step i sees only steps ≤ i),
/// and the concatenated heads are projected back to F features. Parameters: 4·F·H·D + 3·H·D + F
/// (heads 1, keyDim 64 on 64 features: 16,640). Input [T, F…] (an image [H, W, C] is read as H
/// steps of W·C features); output [T, F].
public final class MultiHeadAttention: Layer {
    /// Number of heads, size of each head's queries, keys and values, and whether step i may
    /// attend only to steps ≤ i.
    public let heads: Int, keyDim: Int, causal: Bool
    /// When true, each forward pass keeps its attention weights (see `attentionWeights`).
    public var recordWeights = false
    /// Attention weights of the most recent forward pass while `recordWeights` is on: [B, heads, T, T].
    public private(set) var attentionWeights: Tensor?
    private var weights: [Variable] = []  // query, key, value, output: kernel then bias each
    private var steps = 0, features = 0
    private let core = SelfAttentionCore(denseWorkspaces: 2)  // the projections, the output

    /// - Parameters: heads: number of attention heads; keyDim: size of each head's queries and keys
    ///   (and values); causal: mask future steps.
    public init(heads: Int, keyDim: Int, causal: Bool = false) {
        self.heads = heads; self.keyDim = keyDim; self.causal = causal
    }

    public override class var spec: LayerSpec {
        LayerSpec("MultiHeadAttention", baseName: "multi_head_attention",
                  doc: "self-attention over the steps of a sequence", options: [
                      LayerOption("heads", .positiveInt, doc: "number of attention heads"),
                      LayerOption("keyDim", .positiveInt, doc: "size of each head's queries, keys and values"),
                      LayerOption("causal", .bool, default: .bool(false), doc: "step i attends only to steps ≤ i"),
                  ], weights: .attention) { o in
            MultiHeadAttention(heads: try o.int("heads"), keyDim: try o.int("keyDim"), causal: try o.bool("causal"))
        }
    }
    public override var parameters: [Parameter] {
        let names = ["query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias",
                     "attention_output/kernel", "attention_output/bias"]
        return zip(names, weights).map { Parameter(name: $0, variable: $1, trainable: true) }
    }
    public override var options: LayerOptions {
        ["heads": .int(heads), "keyDim": .int(keyDim), "causal": .bool(causal)]
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard heads > 0, keyDim > 0 else {
            throw LearnError.invalidArgument("MultiHeadAttention: heads and keyDim must be positive, "
                                             + "found \(heads) and \(keyDim)")
        }
        guard inputShape.count >= 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.shape("MultiHeadAttention: input must be (steps, features) per sample, "
                                   + "found \(inputShape); add Reshape([steps, features]) before it")
        }
        steps = inputShape[0]; features = inputShape.dropFirst().reduce(1, *)
        let width = ByteCount.product(heads, keyDim)
        try reserveWeights([[features, width], [width], [features, width], [width], [features, width], [width],
                            [width, features], [features]])
        weights = []
        for _ in 0..<3 {
            let kernel = Initializer.glorotUniform([features, width], fanIn: features, fanOut: width, rng: &rng)
            weights += [Variable(kernel), Variable(zeros: [width])]
        }
        weights += [Variable(Initializer.glorotUniform([width, features], fanIn: width, fanOut: features, rng: &rng)),
                    Variable(zeros: [features])]
        return [steps, features]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let batch = x.shape[0], tape = context.tape
        let (out, _) = cache(batch: batch, outputs: 6)
        let attended = try core.attend(x, steps: steps, features: features, weights: weights, useBias: true,
                                       heads: heads, causal: causal, out: out, tape: tape)
        let (attention, dense) = core.workspaces(batch: batch)
        if recordWeights { attentionWeights = attention.weights.copy() }
        return try Ops.dense(attended, kernel: weights[6], bias: weights[7], workspace: dense[1], into: out[5],
                             tape: tape)
    }
}
