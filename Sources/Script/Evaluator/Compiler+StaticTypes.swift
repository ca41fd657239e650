extension Compiler {
    /// Whether an expression is built only from integer literals (so it may be typed as Double).
    /// Answered from the node's precomputed facts: walking the subtree here made chains quadratic.
    func isIntLiteral(_ e: Expr) -> Bool { e.facts.isIntLiteral }

    /// The type a declaration without annotation gets from simple initializers (`0.0`, `[Double]()`).
    func inferredType(_ e: Expr) -> TypeCheck? {
        switch e.kind {
        case .int: return .int
        case .double: return .double
        case .bool: return .bool
        case .string: return .string
        case .cast(_, let type, let kind):
            guard let t = try? typeCheck(type, e.span) else { return nil }
            return kind == .conditional ? .optional(t) : t
        case .call(let callee, let args, _, _) where args.isEmpty:
            if case .array(let el) = callee.kind, el.count == 1, case .identifier(let n) = el[0].kind {
                return try? typeCheck(.array(.named(n)), callee.span)
            }
            return nil
        case .array(let xs) where !xs.isEmpty:
            let doubles = xs.filter(\.isDoubleLiteral).count
            let ints = xs.filter(isIntLiteral).count
            return doubles > 0 && doubles + ints == xs.count ? .array(.double) : nil
        default: return nil
        }
    }

    /// The declared type of an assignable expression, when the compiler knows it.
    func staticType(_ e: Expr) -> TypeCheck? {
        switch e.kind {
        case .identifier(let n): return lookup(n)?.info.type
        case .subscript(let base, _, _, _):
            switch staticType(base) {
            case .array(let el)?: return el
            case .dictionary(_, let v)?: return v
            default: return nil
            }
        default: return nil
        }
    }
}
