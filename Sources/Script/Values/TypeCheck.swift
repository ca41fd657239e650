/// The language's one description of a type: written annotations (`let x: Double = …`, parameters,
/// returns) compile to it, and host functions and builtin methods declare their parameters with it.
/// Runtime values carry their own type, so `matches` is a tag comparison; host arguments are
/// checked and converted by `Interpreter.convert(_:to:span:)`.
public indirect enum TypeCheck: CustomStringConvertible {
    case any
    /// For host parameters `.double` also accepts an Int, widened (`Adam(lr: 1)`).
    case int, double, bool, string
    case array(TypeCheck)
    case dictionary(TypeCheck, TypeCheck)
    /// The wrapped type or `nil`.
    case optional(TypeCheck)
    case tuple([TypeCheck])
    /// A closure or function value; host code calls it with `Arguments.interpreter.call(_:_:)`.
    case function
    /// A trailing closure evaluated as a builder: the host receives `.array` of the values of
    /// every expression statement in its body, in order (`Sequential { Dense(10); Dense(2) }`).
    case builder
    case range
    /// An instance of the registered host type with this name (in annotations, also the type's
    /// implicit members and namespace: `let a: Activation = .relu`).
    case object(String)
    /// An implicit member from a fixed set (`.relu`), shown as its type name in signatures.
    /// The host receives `.symbol(name)`; typos get a did-you-mean suggestion.
    case oneOf(String, [String])
    case void

    /// The builtin type names an annotation may use (host types are added by the interpreter).
    static let builtinNames = ["Int", "Double", "Float", "Bool", "String", "Character", "Any", "Void", "Range",
                               "ClosedRange"]

    /// A dictionary with String keys, as host parameters take options (`[String: Any]`).
    public static var dictionary: TypeCheck { .dictionary(.string, .any) }

    /// Resolves a written type; unknown names are errors, with a suggestion.
    /// `candidates` are the host type names offered as "did you mean" for an unknown name.
    init(_ type: TypeExpr, known: (String) -> Bool, candidates: () -> [String] = { [] }, span: Span) throws {
        func check(_ t: TypeExpr) throws -> TypeCheck {
            try TypeCheck(t, known: known, candidates: candidates, span: span)
        }
        switch type {
        case .named(let n):
            switch n {
            case "Int": self = .int
            case "Double", "Float", "CGFloat": self = .double
            case "Bool": self = .bool
            case "String", "Character", "Substring": self = .string
            case "Any", "AnyObject": self = .any
            case "Void": self = .void
            case "Range", "ClosedRange": self = .range
            default:
                guard known(n) else {
                    throw ScriptError("cannot find type '\(n)' in scope"
                                      + Suggestions.typeSuffix(n, Self.builtinNames + candidates()), at: span)
                }
                self = .object(n)
            }
        case .array(let e): self = .array(try check(e))
        case .dictionary(let k, let v): self = .dictionary(try check(k), try check(v))
        case .optional(let w): self = .optional(try check(w))
        case .tuple(let es): self = .tuple(try es.map(check))
        case .function: self = .function
        }
    }

    public var description: String {
        switch self {
        case .any: return "Any"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .string: return "String"
        case .array(let e): return "[\(e)]"
        case .dictionary(let k, let v): return "[\(k): \(v)]"
        case .optional(let w): return "\(w)?"
        case .tuple(let es): return "(" + es.map(\.description).joined(separator: ", ") + ")"
        case .function: return "Closure"
        case .builder: return "() -> [Any]"
        case .range: return "Range<Int>"
        case .object(let n), .oneOf(let n, _): return n
        case .void: return "Void"
        }
    }

    /// Whether `value` has this type.
    func matches(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _): return true
        case (.int, .int), (.double, .double), (.bool, .bool), (.string, .string): return true
        case (.optional, .nil): return true
        case (.optional(let w), _): return w.matches(value)
        // Collections are checked by their first and last elements, so passing a million-element
        // array to `func f(_ xs: [Double])` stays O(1); the language's arrays are homogeneous in practice.
        case (.array(let e), .array(let xs)):
            guard let first = xs.first, let last = xs.last else { return true }
            return e.matches(first) && e.matches(last)
        case (.array(.int), .range), (.array(.any), .range): return true
        case (.dictionary(let k, let v), .dictionary(let d)):
            guard let key = d.keys.first, let value = d.values.first else { return true }
            return k.matches(key.value) && v.matches(value)
        case (.tuple(let ts), .tuple(let t)):
            return ts.count == t.elements.count && zip(ts, t.elements).allSatisfy { $0.matches($1) }
        case (.function, .function), (.function, .hostFunction): return true
        case (.range, .range): return true
        case (.void, .void): return true
        case (.object(let n), .object(let o)): return o.type.name == n
        case (.object, .symbol), (.object, .namespace), (.object, .record): return true
        case (.oneOf(_, let options), .symbol(let s)): return options.contains(s)
        case (.builder, .function), (.builder, .array): return true
        default: return false
        }
    }

    /// Whether a host argument of this type can be passed as it is, with no conversion: the cheap
    /// check before `Interpreter.convert`, which handles everything else.
    @inline(__always) func admitsUnchanged(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _), (.int, .int), (.double, .double), (.bool, .bool), (.string, .string): return true
        case (.function, .function), (.function, .hostFunction): return true
        default: return false
        }
    }

    /// Converts integer literals to Double where this type expects Double (Swift literal typing):
    /// `let x: Double = 3`, `let xs: [Double] = [1, 2]`. Returns nil if no conversion applies.
    func convertingLiteral(_ value: Value) -> Value? {
        switch (self, value) {
        case (.double, .int(let v)): return .double(Double(v))
        case (.optional(let w), _): return w.convertingLiteral(value)
        case (.array(let e), .array(let xs)):
            var out: [Value] = []
            out.reserveCapacity(xs.count)
            for x in xs {
                guard let c = e.matches(x) ? x : e.convertingLiteral(x) else { return nil }
                out.append(c)
            }
            return .array(out)
        case (.dictionary(let k, let v), .dictionary(let d)):
            var out = DictionaryValue()
            for (key, x) in zip(d.keys, d.values) {
                guard k.matches(key.value) else { return nil }
                guard let c = v.matches(x) ? x : v.convertingLiteral(x) else { return nil }
                out[key] = c
            }
            return .dictionary(out)
        case (.tuple(let ts), .tuple(let t)) where ts.count == t.elements.count:
            var out: [Value] = []
            for (ty, x) in zip(ts, t.elements) {
                guard let c = ty.matches(x) ? x : ty.convertingLiteral(x) else { return nil }
                out.append(c)
            }
            return .tuple(TupleValue(out, labels: t.labels))
        default: return nil
        }
    }

    /// An empty array literal adopts its declared element type; report the declared type instead.
    var isDouble: Bool { if case .double = self { return true }; return false }
}
