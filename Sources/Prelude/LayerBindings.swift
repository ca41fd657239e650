import Learn
import Script
import Tensor

/// Layer constructors as Keras users write them: `Conv2D(32, kernel: 3, activation: .relu)`.
enum LayerBindings {
    static let activations = ActivationFunction.allCases.map(\.rawValue)

    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        types.layer.description { (layer: Layer) in layer.typeName }
        let activation = Script.Parameter.labeled("activation", .optional(.oneOf("Activation", activations)), default: .nil)
        // `.valid`, `.same`, or PyTorch's amount of zeros on each side (`padding: 1`)
        let padding = Script.Parameter.labeled("padding", .any, default: .symbol("valid"))
        func add(_ name: String, _ parameters: [Script.Parameter], _ make: @escaping (Arguments) throws -> Layer) {
            interpreter.register(function: name, parameters) { args in .object(try make(args), type: types.layer) }
        }
        add("Dense", [.positional("units", .int), activation]) { args in
            Dense(try positive(args, "units"), activation: function(args))
        }
        add("Conv2D", [.positional("filters", .int), .labeled("kernel", .int), .labeled("stride", .int, default: .int(1)),
                       padding, activation, .labeled("useBias", .bool, default: .bool(true))]) { args in
            Conv2D(try positive(args, "filters"), kernelSize: try positive(args, "kernel"), strides: try positive(args, "stride"),
                   padding: try paddingValue(args), activation: function(args), useBias: args.bool("useBias"))
        }
        let pooling: [Script.Parameter] = [.positional("size", .int, default: .int(2)),
                                           .labeled("stride", .optional(.int), default: .nil), padding]
        add("MaxPool2D", pooling) { args in
            MaxPool2D(try positive(args, "size"), strides: try optionalPositive(args, "stride"), padding: try paddingValue(args))
        }
        add("AvgPool2D", pooling) { args in
            AvgPool2D(try positive(args, "size"), strides: try optionalPositive(args, "stride"), padding: try paddingValue(args))
        }
        add("GlobalAveragePooling2D", []) { _ in GlobalAveragePooling2D() }
        add("BatchNormalization", [.labeled("momentum", .double, default: .double(0.99)),
                                   .labeled("epsilon", .double, default: .double(0.001))]) { args in
            BatchNormalization(momentum: Float(args.double("momentum")), epsilon: Float(args.double("epsilon")))
        }
        add("Dropout", [.positional("rate", .double)]) { args in
            let rate = args.double("rate")
            guard rate >= 0, rate < 1 else { throw HostError("Dropout rate must be in 0..<1, got \(rate)") }
            return Dropout(Float(rate))
        }
        add("Flatten", []) { _ in Flatten() }
        add("Reshape", [.positional("shape", .array(.int))]) { args in
            let shape = args.array("shape").compactMap(\.intValue)
            guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
                throw HostError("Reshape needs positive sizes without the batch, such as [28, 28, 1]; got \(shape)")
            }
            return Reshape(shape)
        }
        add("Activation", [.positional("function", .oneOf("Activation", activations))]) { args in
            ActivationLayer(ActivationFunction(rawValue: args.symbol("function") ?? "linear") ?? .linear)
        }
    }

    private static func function(_ args: Arguments) -> ActivationFunction {
        args.symbol("activation").flatMap(ActivationFunction.init(rawValue:)) ?? .linear
    }

    private static func paddingValue(_ args: Arguments) throws -> Padding {
        let value = args["padding"]
        if let amount = value.intValue {
            guard amount >= 0 else { throw HostError("'padding' must be .valid, .same or a number of zeros ≥ 0 on each side, got \(amount)") }
            return .explicit(rows: amount, columns: amount)
        }
        switch args.symbol("padding") {
        case "valid"?: return .valid
        case "same"?: return .same
        default: throw HostError("'padding' must be .valid, .same or a number of zeros on each side (as PyTorch's padding=1), got \(value.description)")
        }
    }

    static func positive(_ args: Arguments, _ name: String) throws -> Int {
        let value = args.int(name)
        guard value > 0 else { throw HostError("'\(name)' must be at least 1, got \(value)") }
        return value
    }

    private static func optionalPositive(_ args: Arguments, _ name: String) throws -> Int? {
        args.isNil(name) ? nil : try positive(args, name)
    }
}
