/// Runtime semantics of the operators, following Swift: Int and Double never mix (except integer
/// literals, handled by the compiler), Int overflow and division by zero are errors, not traps.
enum Operators {
    /// "binary operator … cannot be applied to operands of type …".
    static func mismatch(_ op: String, _ l: Value, _ r: Value, _ span: Span) -> ScriptError {
        if l.typeName == r.typeName {
            return ScriptError("binary operator '\(op)' cannot be applied to two '\(l.typeName)' operands", at: span)
        }
        return ScriptError("binary operator '\(op)' cannot be applied to operands of type '\(l.typeName)' and "
                           + "'\(r.typeName)'", at: span)
    }

    /// The error for an Int operation that overflows, as Swift words it.
    static func overflow(_ a: Int, _ op: String, _ b: Int, _ span: Span) -> ScriptError {
        ScriptError("arithmetic operation '\(a) \(op) \(b)' (on type 'Int') results in an overflow", at: span)
    }

    /// Int → Double, for integer literals in a Double context.
    @inline(__always) static func widen(_ v: Value) throws -> Value {
        if case .int(let i) = v { return .double(Double(i)) }
        return v
    }

    /// `+` on numbers, strings and arrays.
    @inline(__always) static func add(_ l: Value, _ r: Value, _ span: Span) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            let (v, o) = a.addingReportingOverflow(b)
            if o { throw overflow(a, "+", b, span) }
            return .int(v)
        case (.double(let a), .double(let b)): return .double(a + b)
        case (.string(let a), .string(let b)):
            let bytes = a.utf8.count &+ b.utf8.count
            try Allocation.check(bytes, grownFrom: max(a.utf8.count, b.utf8.count),
                                 Allocation.describe(bytes, "a string"), at: span)
            return .string(a + b)
        case (.array(let a), .array(let b)):
            let count = a.count &+ b.count
            try Allocation.check(Allocation.arrayBytes(count), grownFrom: Allocation.arrayBytes(max(a.count, b.count)),
                                 Allocation.describe(count, "an array"), at: span)
            return .array(a + b)
        default: return try HostOperators.add(l, r, span)
        }
    }

    /// `+ - * / %` on Ints (overflow checked) and Doubles; strings and arrays for `+`.
    static func arithmetic(_ op: String, _ l: Value, _ r: Value, _ span: Span) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            let (v, o): (Int, Bool)
            switch op {
            case "+": (v, o) = a.addingReportingOverflow(b)
            case "-": (v, o) = a.subtractingReportingOverflow(b)
            case "*": (v, o) = a.multipliedReportingOverflow(by: b)
            case "/":
                if b == 0 { throw ScriptError("division by zero", at: span) }
                (v, o) = a.dividedReportingOverflow(by: b)
            case "%":
                if b == 0 { throw ScriptError("division by zero in remainder operation", at: span) }
                (v, o) = a.remainderReportingOverflow(dividingBy: b)
            default: throw mismatch(op, l, r, span)
            }
            if o { throw overflow(a, op, b, span) }
            return .int(v)
        case (.double(let a), .double(let b)):
            switch op {
            case "+": return .double(a + b)
            case "-": return .double(a - b)
            case "*": return .double(a * b)
            case "/": return .double(a / b)
            case "%":
                throw ScriptError("'%' is unavailable for 'Double': use truncatingRemainder(dividingBy:)", at: span)
            default: throw mismatch(op, l, r, span)
            }
        default:
            if op == "+" { return try add(l, r, span) }
            throw mismatch(op, l, r, span)
        }
    }

    /// Prefix `-`.
    static func negate(_ v: Value, _ span: Span) throws -> Value {
        switch v {
        case .int(let i):
            if i == Int.min {
                throw ScriptError("arithmetic operation '0 - \(i)' (on type 'Int') results in an overflow", at: span)
            }
            return .int(-i)
        case .double(let d): return .double(-d)
        default:
            throw ScriptError("unary operator '-' cannot be applied to an operand of type '\(v.typeName)'", at: span)
        }
    }

    /// Equality, or nil when the types cannot be compared.
    static func equal(_ l: Value, _ r: Value) -> Bool? {
        switch (l, r) {
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.nil, .nil): return true
        case (.nil, _), (_, .nil): return false
        case (.symbol(let a), .symbol(let b)), (.symbol(let a), .string(let b)), (.string(let a), .symbol(let b)):
            return a == b
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) { guard equal(x, y) == true else { return false } }
            return true
        case (.tuple(let a), .tuple(let b)):
            guard a.elements.count == b.elements.count else { return false }
            for (x, y) in zip(a.elements, b.elements) { guard equal(x, y) == true else { return false } }
            return true
        case (.dictionary(let a), .dictionary(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in zip(a.keys, a.values) { guard let w = b[k], equal(v, w) == true else { return false } }
            return true
        case (.range(let a), .range(let b)): return a.elements == b.elements
        case (.object(let a), .object(let b)): return a.base === b.base
        default: return nil
        }
    }

    /// `<` for ordered types, or nil when they cannot be ordered.
    static func less(_ l: Value, _ r: Value) -> Bool? {
        switch (l, r) {
        case (.int(let a), .int(let b)): return a < b
        case (.double(let a), .double(let b)): return a < b
        case (.string(let a), .string(let b)): return a < b
        case (.tuple(let a), .tuple(let b)) where a.elements.count == b.elements.count:
            for (x, y) in zip(a.elements, b.elements) {
                if let lt = less(x, y), lt { return true }
                if let gt = less(y, x), gt { return false }
            }
            return false
        default: return nil
        }
    }

    /// `< > <= >= == !=` on values that compare.
    static func compare(_ op: String, _ l: Value, _ r: Value, _ span: Span) throws -> Bool {
        switch op {
        case "==", "!=":
            guard let eq = equal(l, r) else { throw mismatch(op, l, r, span) }
            return op == "==" ? eq : !eq
        default:
            let lt: Bool?
            switch op {
            case "<": lt = less(l, r)
            case ">": lt = less(r, l)
            case "<=": lt = less(r, l).map { !$0 }
            default: lt = less(l, r).map { !$0 }
            }
            guard let lt else { throw mismatch(op, l, r, span) }
            if case .double(let a) = l, a.isNaN { return false }
            if case .double(let b) = r, b.isNaN { return false }
            return lt
        }
    }

    /// `a..<b` and `a...b`: an Int range, or a closed Double range.
    static func range(_ op: String, _ l: Value, _ r: Value, _ span: Span) throws -> Value {
        switch (l, r) {
        case (.int(let a), .int(let b)):
            guard a <= b else {
                throw ScriptError("range requires lowerBound <= upperBound (got \(a)\(op)\(b))", at: span)
            }
            return .range(RangeValue(lower: a, upper: b, closed: op == "..."))
        case (.double(let a), .double(let b)):
            guard a <= b else {
                throw ScriptError("range requires lowerBound <= upperBound (got \(a)\(op)\(b))", at: span)
            }
            return .tuple(TupleValue([.double(a), .double(b)], labels: ["lowerBound", "upperBound"]))
        default: throw mismatch(op, l, r, span)
        }
    }
}
