/// Everything Folio knows about a layer type, declared once by the layer class (`spec`) and
/// listed in `LayerRegistry`: its names, its options, how it is made from a configuration, and
/// which weights from other frameworks it accepts.
public struct LayerSpec {
    /// Keras's class name, saved as "type" and shown in summaries: "Conv2D", "MaxPooling2D".
    public let typeName: String
    /// The constructor cells call: "MaxPool2D" (the type name unless given).
    public let cellName: String
    /// Base of automatic layer names: "max_pooling2d" (the lowercased type name unless given).
    public let baseName: String
    /// One line for the API docs.
    public let doc: String
    /// The configuration options, in the order cells pass them.
    public let options: [LayerOption]
    /// The weights from another framework's file that this layer's parameters can take.
    public let weights: WeightForm
    /// Makes the layer from a configuration that has every option checked and defaulted.
    let make: (LayerOptions) throws -> Layer

    public init(_ typeName: String, cellName: String? = nil, baseName: String? = nil, doc: String,
                options: [LayerOption] = [], weights: WeightForm = .none,
                make: @escaping (LayerOptions) throws -> Layer) {
        self.typeName = typeName; self.cellName = cellName ?? typeName
        self.baseName = baseName ?? typeName.lowercased()
        self.doc = doc; self.options = options; self.weights = weights; self.make = make
    }

    /// The option saved under `key`.
    public func option(_ key: String) -> LayerOption? { options.first { $0.key == key } }

    /// Checks each given option, fills in defaults and makes the layer; errors name the layer
    /// type and the option (by `naming`: the saved key, or the name cells write).
    public func makeLayer(_ given: LayerOptions, naming: KeyPath<LayerOption, String> = \.key) throws -> Layer {
        if let unknown = given.values.keys.sorted().first(where: { option($0) == nil }) {
            throw LearnError.invalidArgument("\(typeName) has no option '\(unknown)'; its options are "
                                             + options.map(\.key).joined(separator: ", "))
        }
        for option in options {  // in declaration order, so the first wrong option is the one reported
            if let value = given[option.key] { try option.check(value, layer: typeName, as: option[keyPath: naming]) }
        }
        do { return try make(try given.completed(for: self)) }
        catch LearnError.invalidArgument(let message) where !message.hasPrefix(typeName) {
            throw LearnError.invalidArgument("\(typeName): \(message)")
        }
    }
}

/// The weights a layer takes from a file written by another framework (PyTorch, Keras), by the
/// conversion `WeightConversion` applies; settings such as `useBias` or `epsilon` are read from
/// the layer's options.
public enum WeightForm {
    /// None of its own: loads only by Folio name or through `names:` (or through its children).
    case none
    /// Kernel and bias (option `useBias`, true if absent): Dense, Conv2D, PatchEmbedding.
    case kernelAndBias
    /// Scale and shift (option `epsilon`), with moving statistics for BatchNormalization.
    case normalization(statistics: Bool)
    /// Input and recurrent kernels and bias. `gateOrderFromPyTorch[i]` is the block of a PyTorch
    /// weight holding Folio's gate i: LSTM's (i, f, g, o) is Keras's (i, f, c̃, o); GRU's (r, z, n)
    /// against Keras's (z, r, h̃), PyTorch's n being Keras's `reset_after` candidate.
    case recurrent(gateOrderFromPyTorch: [Int])
    /// Query, key, value and output projections (option `heads`).
    case attention
    /// One [steps, features] table.
    case embeddingTable
}
