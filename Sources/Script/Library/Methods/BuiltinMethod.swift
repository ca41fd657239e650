/// The kinds of value that have builtin members; each member is declared for one or more.
enum Receiver: Int, CaseIterable {
    case array, range, string, dictionary, int, double, bool
    /// `0.0...1.0`, which the language keeps as a `(lowerBound:upperBound:)` tuple.
    case interval

    /// The kind of `value`, or nil for values whose members are not builtin (objects, tuples, …).
    init?(_ value: Value) {
        switch value {
        case .array: self = .array
        case .range: self = .range
        case .string: self = .string
        case .dictionary: self = .dictionary
        case .int: self = .int
        case .double: self = .double
        case .bool: self = .bool
        case .tuple(let t) where t.labels == ["lowerBound", "upperBound"]: self = .interval
        default: return nil
        }
    }

    /// The type name the API docs use.
    var title: String {
        switch self {
        case .array: return "Array"
        case .range: return "Range"
        case .string: return "String"
        case .dictionary: return "Dictionary"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .interval: return "ClosedRange<Double>"
        }
    }
}

/// One builtin property or method of arrays, ranges, strings, dictionaries or numbers, declared
/// once: member names, "did you mean", the signature in argument errors, the mutating check and
/// the API docs (docs/notebook-api.md) all come from these declarations (see `MethodTable`).
struct BuiltinMethod {
    /// What running the member does; whether it mutates follows from which case it is.
    enum Implementation {
        /// `value.name`, no arguments.
        case property((MethodCall) throws -> Value)
        /// `value.name(args)`, leaving the receiver unchanged.
        case method((MethodCall) throws -> Value)
        /// `variable.name(args)`, changing the variable in place; refused on `let` values.
        case mutating((inout Value, MethodCall) throws -> Value)
    }

    let receivers: [Receiver]
    let name: String
    /// Matched and type-checked like a host function's (labels, defaults, Int → Double).
    let parameters: [Parameter]
    /// One line for the API docs.
    let doc: String
    let implementation: Implementation

    var isProperty: Bool { if case .property = implementation { return true }; return false }
    var isMutating: Bool { if case .mutating = implementation { return true }; return false }

    /// `prefix(_ k: Int = 1)`, shown in argument errors and the docs; a property is its name.
    var signature: String {
        isProperty ? name : name + "(" + parameters.map(\.signature).joined(separator: ", ") + ")"
    }

    /// A property: `value.name`.
    static func property(_ name: String, on receivers: [Receiver], _ doc: String,
                         _ body: @escaping (MethodCall) throws -> Value) -> BuiltinMethod {
        BuiltinMethod(receivers: receivers, name: name, parameters: [], doc: doc, implementation: .property(body))
    }

    /// A method without parameters.
    static func method(_ name: String, on receivers: [Receiver], _ doc: String,
                       _ body: @escaping (MethodCall) throws -> Value) -> BuiltinMethod {
        method(name, on: receivers, [], doc, body)
    }

    /// A method that leaves its receiver unchanged.
    static func method(_ name: String, on receivers: [Receiver], _ parameters: [Parameter], _ doc: String,
                       _ body: @escaping (MethodCall) throws -> Value) -> BuiltinMethod {
        BuiltinMethod(receivers: receivers, name: name, parameters: parameters, doc: doc, implementation: .method(body))
    }

    /// A mutating method without parameters.
    static func mutating(_ name: String, on receivers: [Receiver], _ doc: String,
                         _ body: @escaping (inout Value, MethodCall) throws -> Value) -> BuiltinMethod {
        mutating(name, on: receivers, [], doc, body)
    }

    /// A method that changes its receiver in place.
    static func mutating(_ name: String, on receivers: [Receiver], _ parameters: [Parameter], _ doc: String,
                         _ body: @escaping (inout Value, MethodCall) throws -> Value) -> BuiltinMethod {
        BuiltinMethod(receivers: receivers, name: name, parameters: parameters, doc: doc,
                      implementation: .mutating(body))
    }
}

extension Receiver {
    /// Receivers that are sequences of elements (a string of one-character strings, a dictionary
    /// of `(key:value:)` pairs), for members declared once for all of them.
    static let sequences: [Receiver] = [.array, .range, .string, .dictionary]
    static let arrays: [Receiver] = [.array, .range]
}
