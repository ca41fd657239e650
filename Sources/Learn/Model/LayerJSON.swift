/// A layer's configuration as saved under `__metadata__["folio.architecture"]`: one flat JSON
/// object, {"type": "Conv2D", "name": "conv2d", "filters": 32, "kernelSize": [3, 3], …}, the keys
/// being the options of the type's `LayerSpec` (plus "name", and "trainable": false for a frozen
/// layer); inner layers are nested objects without names. Files written before `LayerSpec`
/// existed have the same form, so they load unchanged.
enum LayerJSON {
    /// Keys every saved layer may have besides its options.
    private static let reserved: Set = ["type", "name", "trainable"]

    /// The configuration of `layer`; `name` is written for top-level layers only.
    static func encode(_ layer: Layer, name: String? = nil) throws -> [String: JSONValue] {
        guard LayerRegistry.spec(typeName: layer.typeName) != nil else {
            throw LearnError.invalidArgument("save: layer \(name ?? layer.name) is a \(layer.typeName), "
                                             + "which is not in LayerRegistry; register its type to save it")
        }
        var object: [String: JSONValue] = ["type": .string(layer.typeName)]
        if let name { object["name"] = .string(name) }
        if !layer.trainable { object["trainable"] = .bool(false) }
        for (key, value) in layer.options.values { object[key] = try encode(value) }
        return object
    }

    private static func encode(_ value: OptionValue) throws -> JSONValue {
        switch value {
        case .int(let v): return .int(v)
        case .number(let v): return .number(v)
        case .bool(let v): return .bool(v)
        case .text(let v): return .string(v)
        case .ints(let v): return .array(v.map { .int($0) })
        case .layers(let v): return .array(try v.map { .object(try encode($0)) })
        }
    }

    /// Makes the layer a saved configuration describes; `place` names it in errors ("layer
    /// 'residual'", "layer 2 of 'residual'"). Unknown types and options, and values of the wrong
    /// kind, are errors naming the layer and the option.
    static func decode(_ object: [String: JSONValue], place: String) throws -> Layer {
        guard let type = object["type"]?.text else { throw LearnError.file("load: \(place) has no \"type\"") }
        guard let spec = LayerRegistry.spec(typeName: type) else {
            throw LearnError.file("load: \(place) has the unknown layer type \"\(type)\"; known types are "
                                  + LayerRegistry.all.map(\.typeName).joined(separator: ", "))
        }
        let label = "\(place) (\(type))"
        var options = LayerOptions([:])
        for (key, json) in object where !reserved.contains(key) {
            guard let option = spec.option(key) else {
                throw LearnError.file("load: \(label) has the unknown option '\(key)'; \(type) takes "
                                      + spec.options.map(\.key).joined(separator: ", "))
            }
            options[key] = try value(json, for: option, in: label)
        }
        do { return try spec.makeLayer(options) } catch {
            throw LearnError.file("load: \(label): \(error)")
        }
    }

    /// The option value a JSON value holds (nil for null: the option is unset).
    private static func value(_ json: JSONValue, for option: LayerOption, in label: String) throws -> OptionValue? {
        func wrong() -> LearnError {
            .file("load: \(label): option '\(option.key)' must be \(option.kind.expected), found \(json.shown)")
        }
        switch (option.kind, json) {
        case (_, .null): return nil
        case (.positiveInt, .int(let v)): return .int(v)
        case (.number, .int(let v)): return .number(Double(v))
        case (.number, .number(let v)): return .number(v)
        case (.bool, .bool(let v)): return .bool(v)
        case (.activation, .string(let v)), (.padding, .string(let v)), (.choice, .string(let v)): return .text(v)
        case (.windowSize, .array(let items)), (.shape, .array(let items)):
            return .ints(try items.map { item in
                guard case .int(let v) = item else { throw wrong() }
                return v
            })
        case (.layer, .array(let items)), (.layers, .array(let items)):
            return .layers(try items.enumerated().map { index, item in
                guard case .object(let inner) = item else { throw wrong() }
                return try decode(inner, place: "layer \(index + 1) of '\(option.key)' in \(label)")
            })
        default: throw wrong()
        }
    }
}
