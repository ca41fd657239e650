import Learn
import Script

/// Layers in cells, as Keras users write them: `Conv2D(32, kernel: 3, activation: .relu)`,
/// `LSTM(128)`, `Residual { … }`. Every constructor comes from the layer's description in
/// `LayerRegistry` (see `LayerConstructors`); this installs them and shows a layer by its type.
enum LayerBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        types.layer.description { (layer: Layer) in layer.typeName }
        LayerConstructors.install(interpreter, types: types)
    }

    /// The Int argument `name`, which must be at least 1 (epochs, batch sizes, counts).
    static func positive(_ args: Arguments, _ name: String) throws -> Int {
        let value = args.int(name)
        guard value > 0 else { throw HostError("'\(name)' must be at least 1, got \(value)") }
        return value
    }
}
