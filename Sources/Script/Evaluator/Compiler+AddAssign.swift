extension Compiler {
    /// `x += y` on a plain variable, the accumulator of most loops (`total += x`, `s += i`).
    /// A global's storage address is fixed, and a local right-hand side is read straight from its
    /// slot, so the common case runs no nested closures; numbers are added in place.
    func compileAddAssign(_ target: Resolved, rhs: @escaping Eval, value: Expr, literal: Bool, span: Span) -> Exec {
        let rhsSlot = localSlot(value)
        switch target {
        case .global(let info):
            let g = interp.globals, p = g.slots + info.slot
            if let rs = rhsSlot {
                return { f in
                    try withExtendedLifetime(g) { try Compiler.add(f.slots[rs], into: p, literal: literal, span: span) }
                    return .normal
                }
            }
            return { f in
                let v = try rhs(f)
                try withExtendedLifetime(g) { try Compiler.add(v, into: p, literal: literal, span: span) }
                return .normal
            }
        case .local(0, let info):
            let s = info.slot
            if let rs = rhsSlot {
                return { f in
                    try Compiler.add(f.slots[rs], into: f.slots + s, literal: literal, span: span)
                    return .normal
                }
            }
            return { f in
                let v = try rhs(f)
                try Compiler.add(v, into: f.slots + s, literal: literal, span: span)
                return .normal
            }
        default:
            let ptr = pointer(target)
            return { f in
                let v = try rhs(f)
                try Compiler.add(v, into: ptr(f), literal: literal, span: span)
                return .normal
            }
        }
    }

    /// `+=` on a variable's storage: Int and Double inline, everything else (overflow errors,
    /// strings, arrays, type errors) through `compound`.
    @inline(__always) static func add(_ r: Value, into p: UnsafeMutablePointer<Value>, literal: Bool,
                                      span: Span) throws {
        if case .double(let a) = p.pointee, case .double(let b) = r { p.pointee = .double(a + b); return }
        if case .int(let a) = p.pointee, case .int(let b) = r {
            let (v, o) = a.addingReportingOverflow(b)
            if !o { p.pointee = .int(v); return }
        }
        try compound("+", &p.pointee, r, literal: literal, span: span)
    }
}
