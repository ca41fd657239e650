/// Whether syntax creates a closure (a closure literal or a nested `func`; expressions answer
/// from `ExprFacts`). Loops whose body does get a fresh frame per iteration, so each closure
/// captures that iteration's variables, as in Swift.
extension Stmt {
    var createsClosure: Bool {
        switch kind {
        case .function: return true
        case .expr(let e): return e.createsClosure
        case .declaration(_, _, _, let v): return v?.createsClosure ?? false
        case .assign(let t, _, let v): return t.createsClosure || v.createsClosure
        case .if(let branches, let otherwise):
            return branches.contains {
                $0.conditions.contains(where: \.createsClosure) || $0.body.contains(where: \.createsClosure)
            }
                || (otherwise?.contains(where: \.createsClosure) ?? false)
        case .guard(let cs, let body):
            return cs.contains(where: \.createsClosure) || body.contains(where: \.createsClosure)
        case .forIn(_, let s, let f, let body):
            return s.createsClosure || (f?.createsClosure ?? false) || body.contains(where: \.createsClosure)
        case .while(let cs, let body):
            return cs.contains(where: \.createsClosure) || body.contains(where: \.createsClosure)
        case .repeatWhile(let body, let c): return c.createsClosure || body.contains(where: \.createsClosure)
        case .return(let e): return e?.createsClosure ?? false
        case .block(let body), .sequence(let body): return body.contains(where: \.createsClosure)
        case .switch(let subject, let cases):
            return subject.createsClosure || cases.contains { c in
                c.body.contains(where: \.createsClosure)
                    || c.items.contains { $0.filter?.createsClosure ?? false || $0.pattern.createsClosure }
            }
        case .break, .continue, .fallthrough: return false
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

extension CasePattern {
    var createsClosure: Bool {
        switch self {
        case .wildcard, .binding: return false
        case .value(let e): return e.createsClosure
        case .range(let lower, let upper, _, _): return lower?.createsClosure ?? false || upper?.createsClosure ?? false
        case .tuple(let ps, _): return ps.contains(where: \.createsClosure)
        }
    }
}
