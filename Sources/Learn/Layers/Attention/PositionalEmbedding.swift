import Foundation
import Tensor

/// Adds a per-position table to a sequence [T, F] so attention can tell steps apart.
/// `.learned`: a trainable [T, F] table ("embeddings", T·F parameters, uniform ±0.05 as Keras's
/// Embedding), the same as Keras's `x + Embedding(T, F)(range(T))`. `.sinusoidal`: the fixed
/// table of "Attention Is All You Need", PE[t, 2i] = sin(t / 10000^(2i/F)) and
/// PE[t, 2i+1] = cos(t / 10000^(2i/F)); no parameters.
public final class PositionalEmbedding: Layer {
    /// How the position table is made.
    public enum Kind: String, Codable, CaseIterable, Sendable { case learned, sinusoidal }
    /// Learned (trainable) or sinusoidal (fixed).
    public let kind: Kind
    private var table = Variable(zeros: [0], requiresGrad: false)

    /// - Parameter kind: `.learned` (trainable table) or `.sinusoidal` (fixed table).
    public init(kind: Kind = .learned) { self.kind = kind }

    public override class var spec: LayerSpec {
        let kinds = OptionKind.choice(typeName: "PositionalKind", cases: Kind.allCases.map(\.rawValue))
        return LayerSpec("PositionalEmbedding", baseName: "positional_embedding",
                         doc: "adds a [steps, features] position table to a sequence", options: [
                             LayerOption("embedding", kinds, cell: "kind", default: .text(Kind.learned.rawValue),
                                         doc: "learned (a trainable table) or sinusoidal (fixed)"),
                         ], weights: .embeddingTable) { o in
            PositionalEmbedding(kind: Kind(rawValue: try o.text("embedding")) ?? .learned)
        }
    }
    public override var parameters: [Parameter] {
        kind == .learned ? [Parameter(name: "embeddings", variable: table, trainable: true)] : []
    }
    public override var options: LayerOptions { ["embedding": .text(kind.rawValue)] }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count >= 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.shape("PositionalEmbedding: input must be (steps, features) per sample, "
                                   + "found \(inputShape); add Reshape([steps, features]) before it")
        }
        let steps = inputShape[0], features = inputShape.dropFirst().reduce(1, *)
        try reserveWeights([[steps, features]])
        switch kind {
        case .learned:
            table = Variable(Tensor.uniform(shape: [steps, features], low: -0.05, high: 0.05, using: &rng))
        case .sinusoidal:
            var values = [Float](repeating: 0, count: steps * features)
            for t in 0..<steps {
                for j in 0..<features {
                    let angle = Double(t) / pow(10000, Double(j - j % 2) / Double(features))
                    values[t * features + j] = Float(j % 2 == 0 ? sin(angle) : cos(angle))
                }
            }
            table = Variable(try Tensor(shape: [steps, features], scalars: values), requiresGrad: false)
        }
        return inputShape
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.addToEachSample(x, table: table, into: out[0], tape: context.tape)
    }
}
