import Learn
import Script

/// A cell constructor for every type in `LayerRegistry`, derived from its `LayerSpec`: the
/// parameters (names, positional or labeled, types, defaults) from the options cells can set,
/// the checks from the options' kinds — `Dense(10, activation: .softmax)`,
/// `Conv2D(32, kernel: 3, stride: 1, padding: .same, activation: .relu, useBias: false)`,
/// `Bidirectional(LSTM(64))`. A type whose constructor is not a plain option list registers
/// its overloads in `special`, still from its options (Residual's trailing-closure forms).
enum LayerConstructors {
    /// Constructors shaped otherwise, by type name.
    static let special: [String: (Interpreter, PreludeTypes, LayerSpec) -> Void] = [
        Residual.spec.typeName: ResidualConstructor.install,
    ]

    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        for spec in LayerRegistry.all {
            if let install = special[spec.typeName] {
                install(interpreter, types, spec)
            } else {
                register(spec, options: spec.options.filter(\.inCells), in: interpreter, types: types)
            }
        }
    }

    /// Registers `spec.cellName` taking `options` in order; `required` lists the keys of options
    /// this overload must be given (no default). `check` sees the options before the layer is made.
    static func register(_ spec: LayerSpec, options: [LayerOption], required: Set<String> = [],
                         in interpreter: Interpreter, types: PreludeTypes,
                         check: @escaping (LayerOptions) throws -> Void = { _ in }) {
        let parameters = options.map { CellOptionValues.parameter($0, required: required.contains($0.key)) }
        interpreter.register(function: spec.cellName, parameters) { args in
            var given = LayerOptions([:])
            for option in options {
                let block = option.positional ? "\(spec.cellName) { … }"
                                              : "\(spec.cellName)(\(option.cellName): { … })"
                given[option.key] = try CellOptionValues.value(args[option.cellName], for: option, block: block)
            }
            try check(given)
            return .object(try spec.makeLayer(given, naming: \.cellName), type: types.layer)
        }
    }
}
