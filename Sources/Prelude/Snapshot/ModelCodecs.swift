import Foundation
import Learn
import Script

/// A model: its model file as a blob (architecture and weights, as `save` writes them) and the
/// facts a model file leaves out (built, learned, warm-up counts, frozen layers).
struct ModelCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let (file, facts) = try expect(object, Sequential.self).snapshot()
        encoder.archive.optionalString(try file.map { try encoder.blobs.put($0) })
        encoder.archive.plain([UInt8](facts))
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let path = try decoder.archive.optionalString().map { try decoder.blobs.path(of: $0) }
        return try Sequential.restoring(modelFile: path, facts: Data(try decoder.archive.plain(UInt8.self)))
    }
}

/// A layer bound on its own (`let first = model.layers[0]`): stored as its place in its model, so
/// it is that model's layer again after a restore.
struct LayerCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let layer = try expect(object, Layer.self)
        for model in context.models {
            guard let index = model.layers.firstIndex(where: { $0 === layer }) else { continue }
            try encoder.object(HostObject(model, type: context.types.model))
            encoder.archive.int(index)
            return
        }
        throw Unstorable("\(encoder.place) holds a layer that is not in a stored model; "
                         + "build the model in the same cell, or mark the cell `cache: false`")
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let model = try decoder.object(as: Sequential.self)
        let index = try decoder.archive.int()
        guard model.layers.indices.contains(index) else { throw ArchiveError.unknown("a cached layer's place") }
        return model.layers[index]
    }
}

/// An optimizer: its settings, step count and per-weight state, each tied to a weight of a stored model.
struct OptimizerCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let variables = context.models.flatMap { $0.allParameters.map(\.parameter.variable) }
        let state: OptimizerState
        do {
            state = try OptimizerStates.state(of: try expect(object, Optimizer.self), variables: variables)
        } catch {
            throw Unstorable("\(encoder.place): \(error)")
        }
        encoder.archive.string(state.kind)
        encoder.archive.plain(state.settings)
        encoder.archive.int(state.steps)
        encoder.archive.int(state.slots.count)
        for (variable, values) in state.slots {
            let model = context.models.first { $0.allParameters.contains { $0.parameter.variable === variable } }!
            try encoder.object(HostObject(model, type: context.types.model))
            encoder.archive.int(model.allParameters.firstIndex { $0.parameter.variable === variable }!)
            encoder.archive.int(values.count)
            for slot in values { encoder.archive.plain(slot) }
        }
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let kind = try decoder.archive.string(), settings = try decoder.archive.plain(Float.self)
        let steps = try decoder.archive.int()
        var slots: [(variable: Variable, values: [[Float]])] = []
        for _ in 0..<(try decoder.archive.count()) {
            let parameters = try decoder.object(as: Sequential.self).allParameters
            let index = try decoder.archive.int()
            guard parameters.indices.contains(index) else { throw ArchiveError.unknown("a cached optimizer's weight") }
            let values = try (0..<decoder.archive.count()).map { _ in try decoder.archive.plain(Float.self) }
            guard values.allSatisfy({ $0.count == parameters[index].parameter.variable.value.count }) else {
                throw ArchiveError.unknown("a cached optimizer's state of the wrong size")
            }
            slots.append((parameters[index].parameter.variable, values))
        }
        return try OptimizerStates.optimizer(from: OptimizerState(kind: kind, settings: settings, steps: steps,
                                                                  slots: slots))
    }
}
