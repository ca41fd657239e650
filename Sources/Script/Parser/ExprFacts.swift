/// What the compiler asks about whole subtrees, computed once per node from its children's facts
/// as the parser builds it. Asking by walking the subtree at every node made compiling a long
/// `1+1+…+1` chain quadratic (each `+` re-walked everything to its left) and could overflow
/// the stack on a deep tree.
struct ExprFacts {
    /// The expression contains a closure literal (so a loop around it needs a frame per pass).
    let createsClosure: Bool
    /// Built only from integer literals (so it may be typed as Double: `0.5 * (1 + 2)`).
    let isIntLiteral: Bool

    init(_ kind: ExprKind) {
        createsClosure = ExprFacts.createsClosure(kind)
        isIntLiteral = ExprFacts.isIntLiteral(kind)
    }

    private static func createsClosure(_ kind: ExprKind) -> Bool {
        switch kind {
        case .closure: return true
        case .int, .double, .bool, .nil, .identifier, .implicitMember: return false
        case .string(let pieces):
            return pieces.contains { if case .expr(let e) = $0 { return e.createsClosure }; return false }
        case .array(let xs), .tuple(let xs, _): return xs.contains { $0.createsClosure }
        case .dictionary(let ps): return ps.contains { $0.key.createsClosure || $0.value.createsClosure }
        case .unary(_, let x), .forceUnwrap(let x), .cast(let x, _, _): return x.createsClosure
        case .binary(_, let a, let b): return a.createsClosure || b.createsClosure
        case .ternary(let a, let b, let c): return a.createsClosure || b.createsClosure || c.createsClosure
        case .member(let b, _, _, _), .tupleIndex(let b, _, _, _): return b.createsClosure
        case .subscript(let b, let args, _, _), .call(let b, let args, _, _):
            return b.createsClosure || args.contains { $0.value.createsClosure }
        }
    }

    private static func isIntLiteral(_ kind: ExprKind) -> Bool {
        switch kind {
        case .int: return true
        case .unary(_, let x): return x.facts.isIntLiteral
        case .binary(let op, let a, let b):
            return ["+", "-", "*", "/", "%"].contains(op) && a.facts.isIntLiteral && b.facts.isIntLiteral
        case .array(let xs): return !xs.isEmpty && xs.allSatisfy { $0.facts.isIntLiteral || $0.isDoubleLiteral }
        case .dictionary(let ps): return !ps.isEmpty && ps.allSatisfy { $0.value.facts.isIntLiteral }
        case .tuple(let xs, _): return xs.contains { $0.facts.isIntLiteral }
        case .ternary(_, let a, let b): return a.facts.isIntLiteral || b.facts.isIntLiteral
        default: return false
        }
    }
}

extension Expr {
    /// Whether syntax creates a closure (see `ExprFacts.createsClosure`).
    var createsClosure: Bool { facts.createsClosure }

    var isDoubleLiteral: Bool { if case .double = kind { return true }; return false }
}
