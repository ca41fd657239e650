import Datasets
import Learn
import Script

/// Counting-language sequences feed `fit`/`evaluate` directly: a label per step, and the
/// deterministic positions as the mask of scored steps.
extension SequenceDataset: LabeledSequences {}

/// Models made whole: `ResNet(stages: [16, 32, 64], blocksPerStage: 2, classes: 10)`, stacks of
/// `Residual(projection: true) { … }` blocks. The recurrent and attention layers themselves —
/// `SimpleRNN(64, activation: .tanh, returnSequences: true)`, `Bidirectional(LSTM(64))`,
/// `MultiHeadAttention(heads: 1, keyDim: 64)`, `PatchEmbedding(patch: 4, dim: 64)`,
/// `PositionalEmbedding(kind: .learned)`, `TransformerEncoder(heads: 4, keyDim: 16, feedForward: 128)`,
/// `Residual { … }` — are registered from their descriptions by `LayerConstructors`.
enum SequenceBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        interpreter.register(function: "ResNet", [.labeled("stages", .array(.int)),
                                                  .labeled("blocksPerStage", .int, default: .int(2)),
                                                  .labeled("classes", .int)]) { args in
            let stages = args.array("stages").compactMap(\.intValue)
            let model = try ResNet.model(stages: stages, blocksPerStage: args.int("blocksPerStage"),
                                         classes: args.int("classes"))
            return .object(model, type: types.model)
        }
    }
}
