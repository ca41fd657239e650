import Learn
import Script
import Tensor

/// How a layer option looks in a cell, by the option's kind: its script type and default, and
/// how an argument becomes the option's value (`kernel: 3` is the window [3, 3], `padding: 1`
/// one zero on each side, `.relu` the activation "relu", a trailing `{ … }` the layers it
/// builds). Checks of the value itself (at least 1, in 0..<1, …) are the option's own, in Learn.
enum CellOptionValues {
    /// The cell parameter for `option`; `required` drops its default (an overload that exists
    /// only to take it, such as `Residual(projection: true) { … }`).
    static func parameter(_ option: LayerOption, required: Bool = false) -> Script.Parameter {
        let defaultValue = required ? nil : scriptDefault(option)
        let type = option.optional && !required ? .optional(scriptType(option.kind)) : scriptType(option.kind)
        return option.positional ? .positional(option.cellName, type, default: defaultValue)
                                 : .labeled(option.cellName, type, default: defaultValue)
    }

    private static func scriptType(_ kind: OptionKind) -> TypeCheck {
        switch kind {
        case .positiveInt, .windowSize: return .int
        case .shape: return .array(.int)
        case .number: return .double
        case .bool: return .bool
        case .activation(let allowed): return .oneOf("Activation", allowed.map(\.rawValue))
        case .padding: return .any  // a symbol or a number of zeros; `paddingValue` checks it
        case .choice(let typeName, let cases): return .oneOf(typeName, cases)
        case .layer: return .object("Layer")
        case .layers: return .builder
        }
    }

    /// The option's default as cells see it (nil: the argument is required).
    private static func scriptDefault(_ option: LayerOption) -> Value? {
        guard let value = option.defaultValue else { return option.optional ? .nil : nil }
        switch (option.kind, value) {
        case (.windowSize, .ints(let sides)): return .int(sides.first ?? 1)  // cells give one side
        case (_, .int(let v)): return .int(v)
        case (_, .number(let v)): return .double(v)
        case (_, .bool(let v)): return .bool(v)
        case (_, .text(let v)): return .symbol(v)
        case (_, .ints(let v)): return .array(v.map { .int($0) })
        case (_, .layers): return .array([])
        }
    }

    /// The option value of a checked cell argument (nil when the argument is nil: unset).
    /// `block` names a builder argument's place in messages, e.g. "Residual { … }".
    static func value(_ argument: Value, for option: LayerOption, block: String) throws -> OptionValue? {
        guard !argument.isNil else { return nil }
        switch option.kind {
        case .positiveInt: return .int(argument.intValue ?? 0)
        case .windowSize: return .ints(Array(repeating: argument.intValue ?? 0, count: 2))
        case .shape: return .ints(argument.arrayValue?.compactMap(\.intValue) ?? [])
        case .number: return .number(argument.doubleValue ?? 0)
        case .bool: return .bool(argument.boolValue ?? false)
        case .activation, .choice: return .text(argument.symbolValue ?? "")
        case .padding: return .padding(try paddingValue(argument))
        case .layer: return .layers(argument.object(as: Layer.self).map { [$0] } ?? [])
        case .layers: return .layers(try layers(argument.arrayValue ?? [], in: block))
        }
    }

    /// `.valid`, `.same`, or PyTorch's amount of zeros on each side (`padding: 1`).
    private static func paddingValue(_ value: Value) throws -> Padding {
        if let amount = value.intValue {
            guard amount >= 0 else {
                throw HostError("'padding' must be .valid, .same or a number of zeros ≥ 0 on each side, "
                                + "got \(amount)")
            }
            return .explicit(rows: amount, columns: amount)
        }
        switch value.symbolValue {
        case "valid"?: return .valid
        case "same"?: return .same
        default:
            throw HostError("'padding' must be .valid, .same or a number of zeros on each side "
                            + "(as PyTorch's padding=1), got \(value.description)")
        }
    }

    /// The layers a builder made, each a new layer object (`block` names the builder in messages).
    static func layers(_ items: [Value], in block: String) throws -> [Layer] {
        var layers: [Layer] = []
        for (index, item) in items.enumerated() {
            guard let layer = item.object(as: Layer.self) else {
                throw HostError("\(block) holds only layers, but item \(index + 1) is \(item.typeName); "
                                + "write layers such as Dense(10), one per line")
            }
            guard !layers.contains(where: { $0 === layer }) else {
                throw HostError("the same layer object appears twice in \(block); create a new layer for each position")
            }
            layers.append(layer)
        }
        return layers
    }
}
