import Tensor
import RunLimits

/// Single-head self-attention with no output projection, the "simple attention" of Keras tutorials:
/// q, k, v = x·Wq + bq, x·Wk + bk, x·Wv + bv (three `Dense(units)`, with bias as Keras's Dense
/// default; `useBias: false` drops them), then softmax(q·kᵀ/√units)·v. Input [T, F…] (an image
/// [H, W, C] is read as H steps of W·C features); output [T, units]. Parameters: 3·(F·U + U)
/// (units 16 on 8 features: 432), or 3·F·U without bias. Unlike MultiHeadAttention the output
/// keeps `units` features, so it can change the width of a sequence.
public final class SelfAttention: Layer {
    /// Size of the queries, keys, values and so of each output step.
    public let units: Int
    /// Whether the three projections add a bias.
    public let useBias: Bool
    private var weights: [Variable] = []  // query, key, value: kernel (then bias) each
    private var steps = 0, features = 0
    private let core = SelfAttentionCore(denseWorkspaces: 1)

    public init(units: Int, useBias: Bool = true) {
        self.units = units; self.useBias = useBias
    }

    public override class var spec: LayerSpec {
        LayerSpec("SelfAttention", baseName: "self_attention",
                  doc: "single-head self-attention softmax(q·kᵀ/√units)·v, no output projection", options: [
                      LayerOption("units", .positiveInt, doc: "size of the queries, keys and values (output features)"),
                      .useBias,
                  ]) { o in
            SelfAttention(units: try o.int("units"), useBias: try o.bool("useBias"))
        }
    }
    public override var options: LayerOptions { ["units": .int(units), "useBias": .bool(useBias)] }
    public override var parameters: [Parameter] {
        let names = useBias ? ["query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias"]
                            : ["query/kernel", "key/kernel", "value/kernel"]
        return zip(names, weights).map { Parameter(name: $0, variable: $1, trainable: true) }
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard units > 0 else {
            throw LearnError.invalidArgument("SelfAttention: units must be positive, found \(units)")
        }
        guard inputShape.count >= 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.shape("SelfAttention: input must be (steps, features) per sample, found \(inputShape); "
                                   + "add Reshape([steps, features]) before it")
        }
        steps = inputShape[0]; features = inputShape.dropFirst().reduce(1, *)
        let one: [[Int]] = useBias ? [[features, units], [units]] : [[features, units]]
        try reserveWeights(one + one + one)
        weights = []
        for _ in 0..<3 {
            weights.append(Variable(Initializer.glorotUniform([features, units], fanIn: features, fanOut: units,
                                                              rng: &rng)))
            if useBias { weights.append(Variable(zeros: [units])) }
        }
        return [steps, units]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 5)
        // One head of width `units`: the op scales the scores by 1/√units.
        return try core.attend(x, steps: steps, features: features, weights: weights, useBias: useBias, heads: 1,
                               causal: false, out: out, tape: context.tape)
    }
}
