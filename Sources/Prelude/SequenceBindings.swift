import Datasets
import Learn
import Script

/// Counting-language sequences feed `fit`/`evaluate` directly: a label per step, and the
/// deterministic positions as the mask of scored steps.
extension SequenceDataset: LabeledSequences {}

/// Recurrent and attention layers as Keras users write them: `LSTM(128)`,
/// `SimpleRNN(64, activation: .tanh, returnSequences: true)`, `MultiHeadAttention(heads: 1, keyDim: 64)`.
/// An image [28, 28, 1] given to a recurrent layer is read as 28 steps of 28 features.
/// `Residual { … }` adds a skip connection around its layers (x + f(x)), for attention and
/// Transformer encoder blocks; `Residual(projection: true) { … }` bridges a change of shape with a
/// learned shortcut, as in `ResNet(stages: [16, 32, 64], blocksPerStage: 2, classes: 10)`, and
/// `Residual(shortcut: { Conv2D(…); BatchNormalization() }) { … }` takes the skip path as written.
/// `PatchEmbedding(patch: 4, dim: 64)` turns an image into tokens, `PositionalEmbedding(kind: .learned)`
/// adds positions, `TransformerEncoder(heads: 4, keyDim: 16, feedForward: 128)` is one pre-norm block.
enum SequenceBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        func add(_ name: String, _ parameters: [Script.Parameter], _ make: @escaping (Arguments) throws -> Layer) {
            interpreter.register(function: name, parameters) { args in .object(try make(args), type: types.layer) }
        }
        let units = Script.Parameter.positional("units", .int)
        let sequences = Script.Parameter.labeled("returnSequences", .bool, default: .bool(false))
        let activations = ActivationFunction.allCases.filter { $0 != .softmax }.map(\.rawValue)
        add("SimpleRNN", [units, .labeled("activation", .oneOf("Activation", activations), default: .symbol("tanh")), sequences]) { args in
            SimpleRNN(try LayerBindings.positive(args, "units"),
                      activation: args.symbol("activation").flatMap(ActivationFunction.init(rawValue:)) ?? .tanh,
                      returnSequences: args.bool("returnSequences"))
        }
        add("LSTM", [units, sequences]) { args in
            LSTM(try LayerBindings.positive(args, "units"), returnSequences: args.bool("returnSequences"))
        }
        add("GRU", [units, sequences]) { args in
            GRU(try LayerBindings.positive(args, "units"), returnSequences: args.bool("returnSequences"))
        }
        add("Bidirectional", [.positional("layer", .object("Layer"))]) { args in
            guard let layer = args["layer"].object(as: Layer.self) as? RecurrentLayer else {
                throw HostError("Bidirectional wraps a recurrent layer, such as Bidirectional(LSTM(64)); got \(args["layer"].typeName)")
            }
            return Bidirectional(layer)
        }
        add("Residual", [.positional("layers", .builder)]) { args in
            Residual(try layers(args, in: "Residual { … }"))
        }
        add("Residual", [.labeled("projection", .bool), .positional("layers", .builder)]) { args in
            Residual(try layers(args, in: "Residual(projection: …) { … }"), projection: args.bool("projection"))
        }
        add("Residual", [.labeled("shortcut", .builder), .positional("layers", .builder)]) { args in
            let skip = try layers(args, "shortcut", in: "Residual(shortcut: { … })"), branch = try layers(args, in: "Residual(shortcut: …) { … }")
            if let shared = skip.first(where: { layer in branch.contains { $0 === layer } }) {
                throw HostError("the layer \(shared.typeName) is in both the shortcut and the block; create a new layer for each path")
            }
            return Residual(branch, shortcut: skip)
        }
        add("PositionalEmbedding", [.labeled("kind", .oneOf("PositionalKind", PositionalEmbedding.Kind.allCases.map(\.rawValue)),
                                             default: .symbol("learned"))]) { args in
            PositionalEmbedding(kind: args.symbol("kind").flatMap(PositionalEmbedding.Kind.init(rawValue:)) ?? .learned)
        }
        add("PatchEmbedding", [.labeled("patch", .int), .labeled("dim", .int)]) { args in
            PatchEmbedding(patch: try LayerBindings.positive(args, "patch"), dim: try LayerBindings.positive(args, "dim"))
        }
        add("TransformerEncoder", [.labeled("heads", .int), .labeled("keyDim", .int), .labeled("feedForward", .int),
                                   .labeled("dropout", .double, default: .double(0))]) { args in
            let dropout = args.double("dropout")
            guard dropout >= 0, dropout < 1 else { throw HostError("TransformerEncoder dropout must be in 0..<1, got \(dropout)") }
            return TransformerEncoder(heads: try LayerBindings.positive(args, "heads"), keyDim: try LayerBindings.positive(args, "keyDim"),
                                      feedForward: try LayerBindings.positive(args, "feedForward"), dropout: Float(dropout))
        }
        interpreter.register(function: "ResNet", [.labeled("stages", .array(.int)), .labeled("blocksPerStage", .int, default: .int(2)),
                                                  .labeled("classes", .int)]) { args in
            let stages = args.array("stages").compactMap(\.intValue)
            let model = try ResNet.model(stages: stages, blocksPerStage: args.int("blocksPerStage"), classes: args.int("classes"))
            return .object(model, type: types.model)
        }
        add("LayerNormalization", [.labeled("epsilon", .double, default: .double(0.001))]) { args in
            let epsilon = args.double("epsilon")
            guard epsilon > 0 else { throw HostError("LayerNormalization needs a positive epsilon, got \(epsilon)") }
            return LayerNormalization(epsilon: Float(epsilon))
        }
        add("MultiHeadAttention", [.labeled("heads", .int), .labeled("keyDim", .int),
                                   .labeled("causal", .bool, default: .bool(false))]) { args in
            MultiHeadAttention(heads: try LayerBindings.positive(args, "heads"), keyDim: try LayerBindings.positive(args, "keyDim"),
                               causal: args.bool("causal"))
        }
    }

    /// The layers of a builder argument `layers`, each a new layer object.
    static func layers(_ args: Arguments, _ name: String = "layers", in block: String) throws -> [Layer] {
        var layers: [Layer] = []
        for (index, item) in args.array(name).enumerated() {
            guard let layer = item.object(as: Layer.self) else {
                throw HostError("\(block) holds only layers, but item \(index + 1) is \(item.typeName); write layers such as Dense(10), one per line")
            }
            guard !layers.contains(where: { $0 === layer }) else {
                throw HostError("the same layer object appears twice in \(block); create a new layer for each position")
            }
            layers.append(layer)
        }
        return layers
    }
}
