import Datasets
import Learn
import Script

/// Counting-language sequences feed `fit`/`evaluate` directly: a label per step, and the
/// deterministic positions as the mask of scored steps.
extension SequenceDataset: LabeledSequences {}

/// Models made whole: `ResNet(stages: [16, 32, 64], blocksPerStage: 2, classes: 10)`, stacks of
/// `Residual(projection: true) { … }` blocks; torchvision's layout, `ResNet(blocks: [3, 4, 6, 3],
/// widths: [64, 128, 256, 512], bottleneck: true, classes: 1000, input: [224, 224, 3])` and
/// `ResNet50(classes: 1000, input: [224, 224, 3])`, built so that `loadWeights` can take a
/// state_dict. The recurrent and attention layers themselves —
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
        let imageNet: Value = .array([.int(224), .int(224), .int(3)])
        interpreter.register(function: "ResNet", [.labeled("blocks", .array(.int)), .labeled("widths", .array(.int)),
                                                  .labeled("bottleneck", .bool, default: .bool(true)),
                                                  .labeled("classes", .int),
                                                  .labeled("input", .array(.int), default: imageNet)]) { args in
            let model = try ResNet.model(blocks: args.array("blocks").compactMap(\.intValue),
                                         widths: args.array("widths").compactMap(\.intValue),
                                         bottleneck: args.bool("bottleneck"), classes: args.int("classes"),
                                         input: args.array("input").compactMap(\.intValue))
            return .object(model, type: types.model)
        }
        interpreter.register(function: "ResNet50", [.labeled("classes", .int, default: .int(1000)),
                                                    .labeled("input", .array(.int), default: imageNet)]) { args in
            let model = try ResNet.resNet50(classes: args.int("classes"),
                                            input: args.array("input").compactMap(\.intValue))
            return .object(model, type: types.model)
        }
    }
}
