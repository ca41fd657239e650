/// An arithmetic or comparison operator the compiler specialises for Int and Double operands.
enum FastOp {
    case add, sub, mul, div, lt, le, gt, ge, eq, ne

    init?(_ op: String) {
        switch op {
        case "+": self = .add
        case "-": self = .sub
        case "*": self = .mul
        case "/": self = .div
        case "<": self = .lt
        case "<=": self = .le
        case ">": self = .gt
        case ">=": self = .ge
        case "==": self = .eq
        case "!=": self = .ne
        default: return nil
        }
    }

    var isComparison: Bool {
        switch self {
        case .lt, .le, .gt, .ge, .eq, .ne: return true
        default: return false
        }
    }

    /// The result on two Ints, or nil when it needs the general path (overflow, division).
    @inline(__always) func ints(_ a: Int, _ b: Int) -> Value? {
        switch self {
        case .add: let (v, o) = a.addingReportingOverflow(b); return o ? nil : .int(v)
        case .sub: let (v, o) = a.subtractingReportingOverflow(b); return o ? nil : .int(v)
        case .mul: let (v, o) = a.multipliedReportingOverflow(by: b); return o ? nil : .int(v)
        case .div: return nil
        default: return .bool(compare(a, b))
        }
    }

    /// The result on two Doubles (IEEE semantics: comparisons with NaN are false, `!=` true).
    @inline(__always) func doubles(_ a: Double, _ b: Double) -> Value {
        switch self {
        case .add: return .double(a + b)
        case .sub: return .double(a - b)
        case .mul: return .double(a * b)
        case .div: return .double(a / b)
        default: return .bool(compare(a, b))
        }
    }

    /// A comparison (only called when `isComparison`).
    @inline(__always) func compare<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        case .eq: return a == b
        default: return a != b
        }
    }
}

extension Compiler {
    /// `a op b` for arithmetic and comparisons: inline fast paths for Int/Double operands, and
    /// for the common shapes `local op literal` (`n - 1`, `i < n`), without the generic dispatch.
    /// `slow` is the general operator (type errors, overflow errors, strings, literal widening).
    func compileFastBinary(_ op: FastOp, _ lhs: Expr, _ rhs: Expr, le: @escaping Eval, re: @escaping Eval,
                           slow: @escaping (Value, Value) throws -> Value) -> Eval {
        if case .int(let c) = rhs.kind {
            let cv = Value.int(c), cd = Double(c)
            if let s = localSlot(lhs) {
                return { f in
                    let l = f.slots[s]
                    if case .int(let a) = l, let v = op.ints(a, c) { return v }
                    if case .double(let a) = l { return op.doubles(a, cd) }
                    return try slow(l, cv)
                }
            }
            return { f in
                let l = try le(f)
                if case .int(let a) = l, let v = op.ints(a, c) { return v }
                if case .double(let a) = l { return op.doubles(a, cd) }
                return try slow(l, cv)
            }
        }
        if case .double(let c) = rhs.kind {
            // `x * 0.5`: a Double literal on the right needs no evaluation.
            let cv = Value.double(c)
            return { f in
                let l = try le(f)
                if case .double(let a) = l { return op.doubles(a, c) }
                return try slow(l, cv)
            }
        }
        return { f in
            let l = try le(f), r = try re(f)
            if case .int(let a) = l, case .int(let b) = r, let v = op.ints(a, b) { return v }
            if case .double(let a) = l, case .double(let b) = r { return op.doubles(a, b) }
            return try slow(l, r)
        }
    }

    /// A comparison used as a condition (`if n < 2`, `while i < n`): yields a Bool directly.
    func compileFastCondition(_ e: Expr) throws -> Eval0? {
        guard case .binary(let name, let lhs, let rhs) = e.kind, let op = FastOp(name), op.isComparison else {
            return nil
        }
        let le = try compileExpr(lhs), re = try compileExpr(rhs)
        // The general operator reports type errors; for a comparison it yields a Bool.
        let general = binaryOperator(name, lhs, rhs, e.span)
        let slow: (Value, Value) throws -> Bool = { l, r in
            if case .bool(let b) = try general(l, r) { return b }
            return false
        }
        if case .int(let c) = rhs.kind {
            let cv = Value.int(c), cd = Double(c)
            if let s = localSlot(lhs) {
                return { f in
                    let l = f.slots[s]
                    if case .int(let a) = l { return op.compare(a, c) }
                    if case .double(let a) = l { return op.compare(a, cd) }
                    return try slow(l, cv)
                }
            }
            return { f in
                let l = try le(f)
                if case .int(let a) = l { return op.compare(a, c) }
                if case .double(let a) = l { return op.compare(a, cd) }
                return try slow(l, cv)
            }
        }
        return { f in
            let l = try le(f), r = try re(f)
            if case .int(let a) = l, case .int(let b) = r { return op.compare(a, b) }
            if case .double(let a) = l, case .double(let b) = r { return op.compare(a, b) }
            return try slow(l, r)
        }
    }

    /// The slot of a variable of the function being compiled (not captured, not global).
    func localSlot(_ e: Expr) -> Int? {
        guard case .identifier(let name) = e.kind, case .local(0, let info)? = lookup(name) else { return nil }
        return info.slot
    }
}
