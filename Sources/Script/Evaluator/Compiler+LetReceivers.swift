extension Compiler {
    /// Whether `e` is a `let` constant or part of one (`xs[0]`, `t.a`): a method that mutates it is
    /// an error, but a non-mutating method of the same name on another kind of value is not.
    func isPartOfLet(_ e: Expr) -> Bool {
        switch e.kind {
        case .identifier(let name): return lookup(name)?.info.isLet ?? false
        case .subscript(let base, _, _, _), .member(let base, _, _, _), .tupleIndex(let base, _, _, _),
             .forceUnwrap(let base):
            return isPartOfLet(base)
        default: return false
        }
    }

    /// A call of a mutating name on a `let`: refused (through `modify`, which names the constant)
    /// when the receiver's method of that name mutates; host objects held by a `let` still mutate.
    func compileCallOnLet(_ base: Expr, _ modify: @escaping Modify, _ site: MethodSite,
                                  _ evaluate: @escaping (Frame) throws -> [Value], _ optional: Bool,
                                  _ span: Span) throws -> Eval {
        let baseEval = try compileExpr(base)
        let interp = self.interp, name = site.name, labels = site.labels
        return { f in
            let receiver = try baseEval(f)
            if receiver.isNil && optional { return .nil }
            let args = try evaluate(f)
            if let kind = Receiver(receiver), !MethodTable.isMutating(kind, name) {
                return try interp.callMethod(receiver, name, args, labels: labels, span: span, site: site)
            }
            return try modify(f) { r in
                try interp.callMutatingMethod(&r, name, args, labels: labels, span: span, site: site)
            }
        }
    }
}
