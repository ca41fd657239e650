import Foundation
import RunLimits
import Tensor

// safetensors layout: 8-byte little-endian header length, a JSON header mapping tensor names to
// {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]} (offsets relative to the data
// section) plus "__metadata__" (string → string), then the raw little-endian data.
// Folio stores its architecture as JSON text under __metadata__["folio.architecture"].
// Reading is `SafeTensorsFile`; loading weights into a model, from any framework, `WeightImport`.

/// Architecture saved with the weights so a model reloads without code.
struct Architecture: Codable {
    var inputShape: [Int]
    var layers: [LayerConfig]
}

extension Sequential {
    /// Writes all weights (names "<layer>.<param>", e.g. "conv2d.kernel") and the architecture
    /// to a safetensors file that PyTorch's `safetensors` can open. The path goes through the file
    /// gate; a notebook or any file that is not an earlier model is never overwritten.
    /// - Returns: whether an earlier model file at the path was replaced.
    @discardableResult
    public func save(to path: String) throws -> Bool {
        let target = try FileGate.shared.authorizeWrite(path)
        let replaces = try ModelFileWrite.checkTarget(target, as: path)
        guard let input = inputShape else { throw LearnError.invalidArgument("save: the model is not built; call fit or build(input:) first") }
        let arch = Architecture(inputShape: input, layers: layers.map { var c = $0.config; c.name = $0.name; c.trainable = $0.trainable ? nil : false; return c })
        let archText = String(decoding: try JSONEncoder().encode(arch), as: UTF8.self)
        var header: [String: Any] = ["__metadata__": ["format": "pt", "folio.architecture": archText]]
        var data = Data()
        for (layer, p) in allParameters {
            let v = p.variable.value
            let begin = data.count
            data.append(UnsafeBufferPointer(start: v.pointer, count: v.count))  // x86/ARM are little-endian
            header["\(layer).\(p.name)"] = ["dtype": "F32", "shape": v.shape, "data_offsets": [begin, data.count]]
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }  // pad with spaces so data is 8-byte aligned
        var file = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json); file.append(data)
        try ModelFileWrite.write(file, to: target)
        return replaces
    }

    /// Rebuilds a model from a safetensors file written by `save(to:)`.
    public static func load(from path: String) throws -> Sequential {
        let file = try SafeTensorsFile(path: path)
        guard let text = file.metadata["folio.architecture"],
              let arch = try? JSONDecoder().decode(Architecture.self, from: Data(text.utf8)) else {
            throw LearnError.file("load: \(path) has no Folio architecture in its __metadata__; build the model in code and use loadWeights(from:)")
        }
        let model = Sequential(try arch.layers.map(makeLayer))
        for (layer, config) in zip(model.layers, arch.layers) { layer.trainable = config.trainable ?? true }
        try model.build(input: arch.inputShape, seed: 0)
        try WeightImportPlan(targets: model.importTargets(), file: file, names: [:]).assign()
        model.hasLearned = true
        return model
    }
}

/// Recreates a layer from its saved configuration.
func makeLayer(_ c: LayerConfig) throws -> Layer {
    func act() throws -> ActivationFunction {
        guard let a = ActivationFunction(rawValue: c.activation ?? "linear") else { throw LearnError.file("load: unknown activation \(c.activation ?? "")") }
        return a
    }
    func pair(_ v: [Int]?, _ d: Int) -> (Int, Int) { (v?.first ?? d, v?.last ?? d) }
    let padding = Padding(rawValue: c.padding ?? "valid") ?? .valid
    switch c.type {
    case "Dense": return Dense(c.units ?? 1, activation: try act(), alpha: c.alpha, useBias: c.useBias ?? true)
    case "Conv2D": return Conv2D(c.filters ?? 1, kernelSize: pair(c.kernelSize, 3), strides: pair(c.strides, 1), padding: padding,
                                 activation: try act(), alpha: c.alpha, useBias: c.useBias ?? true)
    case "MaxPooling2D": return MaxPool2D(c.poolSize?.first ?? 2, strides: c.strides?.first, padding: padding)
    case "AveragePooling2D": return AvgPool2D(c.poolSize?.first ?? 2, strides: c.strides?.first, padding: padding)
    case "GlobalAveragePooling2D": return GlobalAveragePooling2D()
    case "BatchNormalization": return BatchNormalization(momentum: c.momentum ?? 0.99, epsilon: c.epsilon ?? 1e-3)
    case "Dropout": return Dropout(c.rate ?? 0)
    case "Flatten": return Flatten()
    case "Reshape": return Reshape(c.targetShape ?? [])
    case "Activation": return ActivationLayer(try act(), alpha: c.alpha)
    case "SimpleRNN": return SimpleRNN(c.units ?? 1, activation: try act(), returnSequences: c.returnSequences ?? false)
    case "LSTM": return LSTM(c.units ?? 1, returnSequences: c.returnSequences ?? false)
    case "GRU": return GRU(c.units ?? 1, returnSequences: c.returnSequences ?? false)
    case "LayerNormalization": return LayerNormalization(epsilon: c.epsilon ?? 1e-3)
    case "Bidirectional":
        guard let inner = try c.layers?.first.map(makeLayer) as? RecurrentLayer else {
            throw LearnError.file("load: Bidirectional needs a recurrent layer (SimpleRNN, LSTM or GRU) inside")
        }
        return Bidirectional(inner)
    case "Residual": return Residual(try (c.layers ?? []).map(makeLayer), projection: c.projection ?? false,
                                     shortcut: try c.shortcut?.map(makeLayer))
    case "PositionalEmbedding":
        guard let kind = PositionalEmbedding.Kind(rawValue: c.embedding ?? "learned") else {
            throw LearnError.file("load: unknown positional embedding kind \"\(c.embedding ?? "")\"; expected learned or sinusoidal")
        }
        return PositionalEmbedding(kind: kind)
    case "PatchEmbedding": return PatchEmbedding(patch: c.patch ?? 1, dim: c.units ?? 1)
    case "TransformerEncoder":
        return TransformerEncoder(heads: c.heads ?? 1, keyDim: c.keyDim ?? 1, feedForward: c.feedForward ?? 1, dropout: c.rate ?? 0)
    case "MultiHeadAttention": return MultiHeadAttention(heads: c.heads ?? 1, keyDim: c.keyDim ?? 1, causal: c.causal ?? false)
    default: throw LearnError.file("load: unknown layer type \"\(c.type)\"")
    }
}
