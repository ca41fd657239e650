/// Whether syntax creates a closure (a closure literal or a nested `func`). Loops whose body does
/// get a fresh frame per iteration, so each closure captures that iteration's variables, as in Swift.
extension Expr {
    var createsClosure: Bool {
        switch kind {
        case .closure: return true
        case .int, .double, .bool, .nil, .identifier, .implicitMember: return false
        case .string(let pieces):
            return pieces.contains { if case .expr(let e) = $0 { return e.createsClosure }; return false }
        case .array(let xs), .tuple(let xs, _): return xs.contains { $0.createsClosure }
        case .dictionary(let ps): return ps.contains { $0.key.createsClosure || $0.value.createsClosure }
        case .unary(_, let x), .forceUnwrap(let x): return x.createsClosure
        case .binary(_, let a, let b): return a.createsClosure || b.createsClosure
        case .ternary(let a, let b, let c): return a.createsClosure || b.createsClosure || c.createsClosure
        case .member(let b, _, _, _), .tupleIndex(let b, _, _, _): return b.createsClosure
        case .subscript(let b, let args, _, _), .call(let b, let args, _, _):
            return b.createsClosure || args.contains { $0.value.createsClosure }
        }
    }
}

extension Stmt {
    var createsClosure: Bool {
        switch kind {
        case .function: return true
        case .expr(let e): return e.createsClosure
        case .declaration(_, _, _, let v): return v?.createsClosure ?? false
        case .assign(let t, _, let v): return t.createsClosure || v.createsClosure
        case .if(let branches, let otherwise):
            return branches.contains { $0.conditions.contains(where: \.createsClosure) || $0.body.contains(where: \.createsClosure) }
                || (otherwise?.contains(where: \.createsClosure) ?? false)
        case .guard(let cs, let body): return cs.contains(where: \.createsClosure) || body.contains(where: \.createsClosure)
        case .forIn(_, let s, let f, let body):
            return s.createsClosure || (f?.createsClosure ?? false) || body.contains(where: \.createsClosure)
        case .while(let cs, let body): return cs.contains(where: \.createsClosure) || body.contains(where: \.createsClosure)
        case .repeatWhile(let body, let c): return c.createsClosure || body.contains(where: \.createsClosure)
        case .return(let e): return e?.createsClosure ?? false
        case .block(let body): return body.contains(where: \.createsClosure)
        case .break, .continue: return false
        }
    }
}

extension Condition {
    var createsClosure: Bool {
        switch self {
        case .expr(let e), .optionalBinding(_, _, _, let e): return e.createsClosure
        }
    }
}
