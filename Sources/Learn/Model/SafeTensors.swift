import Foundation
import RunLimits
import Tensor

// safetensors layout: 8-byte little-endian header length, a JSON header mapping tensor names to
// {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]} (offsets relative to the data
// section) plus "__metadata__" (string → string), then the raw little-endian data.
// Folio stores its architecture as JSON text under __metadata__["folio.architecture"].
// Reading is `SafeTensorsFile`; loading weights into a model, from any framework, `WeightImport`.

/// Architecture saved with the weights so a model reloads without code: the input shape and
/// each layer's configuration (see `LayerJSON`), and the loss of the last `fit` when there was one
/// (files written before it was saved have no "loss": `evaluate` then picks its default, as before).
struct Architecture: Codable {
    var inputShape: [Int]
    var layers: [[String: JSONValue]]
    var loss: Loss?
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
        try ModelFileWrite.write(try modelFileData(), to: target)
        return replaces
    }

    /// The bytes `save(to:)` writes: the architecture in the header, then every weight.
    func modelFileData() throws -> Data {
        guard let input = inputShape else {
            throw LearnError.invalidArgument("save: the model is not built; call fit or build(input:) first")
        }
        let arch = Architecture(inputShape: input, layers: try layers.map { try LayerJSON.encode($0, name: $0.name) },
                                loss: trainingLoss)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let archText = String(decoding: try encoder.encode(arch), as: UTF8.self)
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
        return file
    }

    /// Rebuilds a model from a safetensors file written by `save(to:)`: each layer is made
    /// through `LayerRegistry` from its saved configuration.
    public static func load(from path: String) throws -> Sequential {
        try load(file: try SafeTensorsFile(path: path), path: path)
    }

    static func load(file: SafeTensorsFile, path: String) throws -> Sequential {
        guard let text = file.metadata["folio.architecture"],
              let arch = try? JSONDecoder().decode(Architecture.self, from: Data(text.utf8)) else {
            throw LearnError.file("load: \(path) has no Folio architecture in its __metadata__; "
                                  + "build the model in code and use loadWeights(from:)")
        }
        let layers = try arch.layers.enumerated().map { index, object in
            let place = object["name"]?.text.map { "layer '\($0)'" } ?? "layer \(index + 1)"
            let layer = try LayerJSON.decode(object, place: place)
            if case .bool(false)? = object["trainable"] { layer.trainable = false }
            return layer
        }
        let model = Sequential(layers)
        try model.build(input: arch.inputShape, seed: 0)
        try WeightImportPlan(targets: model.importTargets(), file: file, names: [:]).assign()
        model.hasLearned = true
        model.trainingLoss = arch.loss
        model.markStatisticsLoaded()
        return model
    }
}
