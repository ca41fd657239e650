import Foundation

/// What the cache keeps of a model beyond its model file: whether it is built and has learned,
/// how far each batch normalisation's statistics have warmed up, and (unbuilt) its layers.
struct ModelSnapshotFacts: Codable {
    var built: Bool
    var hasLearned: Bool
    var fusesConvolutionAndPooling: Bool
    var statisticUpdates: [Int?]
    /// Layer configurations of a model not built yet (a built one's are in its model file).
    var layers: [[String: JSONValue]]?
    var trainable: [Bool]
}

extension Sequential {
    /// The model as the cache stores it: the model file's bytes when built (weights and
    /// architecture, as `save` writes them) and the facts a model file leaves out.
    public func snapshot() throws -> (modelFile: Data?, facts: Data) {
        let built = inputShape != nil
        let facts = ModelSnapshotFacts(
            built: built, hasLearned: hasLearned, fusesConvolutionAndPooling: fusesConvolutionAndPooling,
            statisticUpdates: batchNormalizations.map(\.statisticUpdates),
            layers: built ? nil : try layers.map { try LayerJSON.encode($0, name: $0.name) },
            trainable: layers.map(\.trainable))
        return (built ? try modelFileData() : nil, try JSONEncoder().encode(facts))
    }

    /// The model `snapshot()` described; `modelFile` is the path of its stored model file.
    public static func restoring(modelFile: String?, facts data: Data) throws -> Sequential {
        let facts = try JSONDecoder().decode(ModelSnapshotFacts.self, from: data)
        let model: Sequential
        if let modelFile {
            model = try load(file: try SafeTensorsFile(path: modelFile, throughGate: false), path: modelFile)
        } else {
            guard let layers = facts.layers else { throw LearnError.file("a cached model without its layers") }
            model = Sequential(try layers.enumerated().map { index, object in
                try LayerJSON.decode(object, place: "layer \(index + 1)")
            })
        }
        guard model.layers.count == facts.trainable.count,
              model.batchNormalizations.count == facts.statisticUpdates.count else {
            throw LearnError.file("a cached model whose layers do not match its facts")
        }
        for (layer, trainable) in zip(model.layers, facts.trainable) { layer.trainable = trainable }
        for (layer, updates) in zip(model.batchNormalizations, facts.statisticUpdates) {
            layer.statisticUpdates = updates
        }
        model.hasLearned = facts.hasLearned
        model.fusesConvolutionAndPooling = facts.fusesConvolutionAndPooling
        return model
    }
}
