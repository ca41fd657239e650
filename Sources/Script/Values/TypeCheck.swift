/// A type annotation compiled for fast checks when a value is bound (`let x: Double = …`,
/// parameters, returns). Runtime values carry their own type, so a check is a tag comparison.
indirect enum TypeCheck: CustomStringConvertible {
    case any
    case int, double, bool, string
    case array(TypeCheck)
    case dictionary(TypeCheck, TypeCheck)
    case optional(TypeCheck)
    case tuple([TypeCheck])
    case function
    case range
    /// A registered host type (or symbol set) by name.
    case host(String)
    case void

    /// Resolves a written type; unknown names are errors, with a suggestion.
    init(_ type: TypeExpr, known: (String) -> Bool, span: Span) throws {
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
                guard known(n) else { throw ScriptError("cannot find type '\(n)' in scope", at: span) }
                self = .host(n)
            }
        case .array(let e): self = .array(try TypeCheck(e, known: known, span: span))
        case .dictionary(let k, let v):
            self = .dictionary(try TypeCheck(k, known: known, span: span), try TypeCheck(v, known: known, span: span))
        case .optional(let w): self = .optional(try TypeCheck(w, known: known, span: span))
        case .tuple(let es): self = .tuple(try es.map { try TypeCheck($0, known: known, span: span) })
        case .function: self = .function
        }
    }

    var description: String {
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
        case .function: return "function"
        case .range: return "Range<Int>"
        case .host(let n): return n
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
        case (.host(let n), .object(let o)): return o.type.name == n
        case (.host, .symbol), (.host, .namespace), (.host, .record): return true
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
                if e.matches(x) { out.append(x) } else if let c = e.convertingLiteral(x) { out.append(c) } else { return nil }
            }
            return .array(out)
        case (.dictionary(let k, let v), .dictionary(let d)):
            var out = DictionaryValue()
            for (key, x) in zip(d.keys, d.values) {
                guard k.matches(key.value) else { return nil }
                if v.matches(x) { out[key] = x } else if let c = v.convertingLiteral(x) { out[key] = c } else { return nil }
            }
            return .dictionary(out)
        case (.tuple(let ts), .tuple(let t)) where ts.count == t.elements.count:
            var out: [Value] = []
            for (ty, x) in zip(ts, t.elements) {
                if ty.matches(x) { out.append(x) } else if let c = ty.convertingLiteral(x) { out.append(c) } else { return nil }
            }
            return .tuple(TupleValue(out, labels: t.labels))
        default: return nil
        }
    }

    /// An empty array literal adopts its declared element type; report the declared type instead.
    var isDouble: Bool { if case .double = self { return true }; return false }
}
