import Learn
import Script

/// Transfer learning from cells: freeze layers, replace a trained model's head, fine-tune.
/// `model.freeze(upTo: 3)`, `model.unfreeze()`, `layer.trainable = false`,
/// `let digits = pretrained.replacingLast(1) { Dense(10) }`.
enum TransferBindings {
    static func install(types: PreludeTypes, session: Session) {
        types.layer.property("trainable", get: { (layer: Layer) in .bool(layer.trainable) },
                             set: { (layer: Layer, value) in
            guard let flag = value.boolValue else {
                throw HostError("trainable must be true or false, got \(value.typeName)")
            }
            layer.trainable = flag
        })
        types.model.property("layerCount") { (model: Sequential) in .int(model.layers.count) }
        types.model.property("layers") { (model: Sequential) in
            .array(model.layers.map { .object($0, type: types.layer) })
        }
        types.model.method("freeze", [.labeled("upTo", .int)]) { (model: Sequential, args) in
            try model.freeze(upTo: args.int("upTo"))
            return .void
        }
        types.model.method("unfreeze") { (model: Sequential, _) in
            model.unfreeze()
            return .void
        }
        types.model.method("replacingLast", [.positional("count", .int),
                                             .positional("layers", .builder)]) { (model: Sequential, args) in
            let head = try CellOptionValues.layers(args.array("layers"), in: "replacingLast(…) { … }")
            let model = try model.replacingLast(args.int("count"), with: head, seed: session.nextSeed())
            return .object(model, type: types.model)
        }
    }
}
