/// One parameter of a host function, method or constructor.
public struct Parameter {
    /// The label callers write; nil for an unlabelled (`_`) parameter.
    public var label: String?
    /// The name host code reads the argument by (and shown in signatures).
    public var name: String
    /// What the argument must be; checked (and converted, Int → Double) before the host runs.
    public var type: TypeCheck
    /// The value used when the argument is omitted; nil makes the parameter required.
    public var defaultValue: Value?
    /// Takes any number of unlabelled values after the first (`print(_ items: Any...)`).
    public var variadic: Bool

    public init(label: String?, name: String, type: TypeCheck, defaultValue: Value? = nil, variadic: Bool = false) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.variadic = variadic
    }

    /// An unlabelled parameter: `Conv2D(32, …)` → `.positional("filters", .int)`.
    public static func positional(_ name: String, _ type: TypeCheck = .any, default value: Value? = nil) -> Parameter {
        Parameter(label: nil, name: name, type: type, defaultValue: value)
    }

    /// A labelled parameter: `kernel: 3` → `.labeled("kernel", .int)`.
    public static func labeled(_ label: String, _ type: TypeCheck = .any, default value: Value? = nil) -> Parameter {
        Parameter(label: label, name: label, type: type, defaultValue: value)
    }

    /// A variadic parameter, unlabelled unless `label` is given.
    public static func variadic(_ name: String, _ type: TypeCheck = .any, label: String? = nil) -> Parameter {
        Parameter(label: label, name: name, type: type, defaultValue: .array([]), variadic: true)
    }

    /// `kernel: Int = 3`, for signatures.
    var signature: String {
        var s = (label ?? "_") + (label == name ? "" : " \(name)") + ": \(type)" + (variadic ? "..." : "")
        if let defaultValue, !variadic {
            s += " = " + (defaultValue.isNil ? "nil" : defaultValue.debugDescription)
        }
        return s
    }
}

/// The checked arguments of a host call, by parameter name.
public struct Arguments {
    /// The argument values in parameter order (variadic parameters hold an `.array`).
    public let values: [Value]
    let parameters: [Parameter]
    /// The interpreter making the call: use it to call script closures back.
    public let interpreter: Interpreter
    /// The host instance a method was called on (nil for functions and constructors).
    public let receiver: AnyObject?

    /// The argument for the parameter named `name` (its default if omitted; `.nil` if unknown).
    public subscript(_ name: String) -> Value {
        guard let i = parameters.firstIndex(where: { $0.name == name }) else { return .nil }
        return values[i]
    }

    /// The Int argument `name` (already type-checked against the declared `TypeCheck`).
    public func int(_ name: String) -> Int { self[name].intValue ?? 0 }
    /// The Double argument `name` (Ints were already widened).
    public func double(_ name: String) -> Double { self[name].doubleValue ?? 0 }
    /// The Bool argument `name`.
    public func bool(_ name: String) -> Bool { self[name].boolValue ?? false }
    /// The String argument `name` (other values as they print).
    public func string(_ name: String) -> String { self[name].stringValue ?? self[name].description }
    /// The symbol or string argument `name` (`.relu` → "relu"), nil when the argument is nil.
    public func symbol(_ name: String) -> String? { self[name].symbolValue }
    /// The array argument `name` (ranges expanded; empty if not an array).
    public func array(_ name: String) -> [Value] { self[name].arrayValue ?? [] }
    /// Whether the argument `name` is `nil`.
    public func isNil(_ name: String) -> Bool { self[name].isNil }
}
