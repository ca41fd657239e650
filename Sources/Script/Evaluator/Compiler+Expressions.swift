extension Compiler {
    /// Compiles any expression to a closure that evaluates it.
    func compileExpr(_ e: Expr) throws -> Eval {
        switch e.kind {
        case .int(let v): let c = Value.int(v); return { _ in c }
        case .double(let v): let c = Value.double(v); return { _ in c }
        case .bool(let v): let c = Value.bool(v); return { _ in c }
        case .nil: return { _ in .nil }
        case .string(let pieces): return try compileString(pieces, span: e.span)
        case .identifier(let name): return try compileIdentifier(name, e.span)
        case .implicitMember(let name): let c = Value.symbol(name); return { _ in c }
        case .array(let elements): return try compileArrayLiteral(elements)
        case .dictionary(let pairs):
            let keys = try pairs.map { try compileExpr($0.key) }
            let values = try pairs.map { try compileExpr($0.value) }
            let spans = pairs.map(\.key.span)
            return { f in
                var d = DictionaryValue()
                for i in keys.indices {
                    let k = try keys[i](f)
                    guard let key = DictionaryKey(k) else {
                        throw ScriptError("type '\(k.typeName)' cannot be a dictionary key (it is not Hashable)",
                                          at: spans[i])
                    }
                    d[key] = try values[i](f)
                }
                return .dictionary(d)
            }
        case .tuple(let elements, let labels):
            let evals = try elements.map(compileExpr)
            return { f in .tuple(TupleValue(try evals.map { try $0(f) }, labels: labels)) }
        case .unary(let op, let operand):
            let eval = try compileExpr(operand)
            let span = e.span
            if op == "!" {
                return { f in
                    guard case .bool(let b) = try eval(f) else {
                        throw ScriptError("operator '!' cannot be applied to an operand of type "
                                          + "'\(try eval(f).typeName)'", at: span)
                    }
                    return .bool(!b)
                }
            }
            return { f in try Operators.negate(try eval(f), span) }
        case .binary(let op, let lhs, let rhs):
            if isLongChain(e) { return try compileChain(e) }
            return try compileBinary(op, lhs, rhs, e.span)
        case .ternary(let c, let a, let b):
            let test = try compileCondition(c)
            var ta = try compileExpr(a), tb = try compileExpr(b)
            // `cond ? 1 : 0.5` — an integer literal branch adapts to a Double branch.
            if isIntLiteral(a), case .double = b.kind { let x = ta; ta = { f in try Operators.widen(try x(f)) } }
            if isIntLiteral(b), case .double = a.kind { let x = tb; tb = { f in try Operators.widen(try x(f)) } }
            let (fa, fb) = (ta, tb)
            return { f in try test(f) ? try fa(f) : try fb(f) }
        case .forceUnwrap(let base):
            let eval = try compileExpr(base)
            let span = e.span
            return { f in
                let v = try eval(f)
                if case .nil = v {
                    throw ScriptError("unexpectedly found nil while unwrapping an Optional value", at: span)
                }
                return v
            }
        case .member(let base, let name, let optional, let chained):
            return try compileMember(base, name, optional || chained, e.span)
        case .cast(let value, let type, let kind):
            return try compileCast(value, type, kind, e.span)
        case .tupleIndex(let base, let index, let optional, let chained):
            let eval = try compileExpr(base)
            let span = e.span
            return { f in
                let v = try eval(f)
                if v.isNil && (optional || chained) { return .nil }
                guard case .tuple(let t) = v else {
                    throw ScriptError("value of type '\(v.typeName)' has no member '\(index)'", at: span)
                }
                guard index < t.elements.count else {
                    throw ScriptError("value of tuple type '\(v.typeName)' has no member '\(index)'", at: span)
                }
                return t.elements[index]
            }
        case .subscript(let base, let args, let optional, let chained):
            return try compileSubscript(base, args, optional || chained, e.span)
        case .call(let callee, let args, let optional, let chained):
            return try compileCall(callee, args, optional || chained, e.span)
        case .closure(let c):
            return try compileClosure(c)
        }
    }

    /// An interpolated string literal.
    private func compileString(_ pieces: [StringPiece], span: Span) throws -> Eval {
        if pieces.isEmpty { return { _ in .string("") } }
        if pieces.count == 1, case .text(let s) = pieces[0] { let c = Value.string(s); return { _ in c } }
        var parts: [Either] = []
        for p in pieces {
            switch p {
            case .text(let s): parts.append(.text(s))
            case .expr(let e): parts.append(.eval(try compileExpr(e)))
            }
        }
        return { f in
            var out = ""
            for p in parts {
                switch p {
                case .text(let s): out += s
                case .eval(let e):
                    let v = try e(f)
                    switch v {
                    case .string(let s):
                        // `s = "\(s)\(s)"` in a loop doubles as surely as `s + s`: the budget decides.
                        let old = out.utf8.count, bytes = old &+ s.utf8.count
                        try Allocation.check(bytes, grownFrom: old, Allocation.describe(bytes, "a string"), at: span)
                        out += s
                    case .int(let i): out += String(i)
                    default: out += v.description
                    }
                }
            }
            return .string(out)
        }
    }

    /// A piece of an interpolated string: fixed text or compiled code.
    private enum Either {
        case text(String)
        case eval(Eval)
    }

    /// A name: a variable, a host function or a namespace used as a value.
    func compileIdentifier(_ name: String, _ span: Span) throws -> Eval {
        if let r = lookup(name) {
            let load = self.load(r)
            guard case .global = r, !cellGlobals.contains(name) || laterGlobals[name] != nil else { return load }
            // A global from an earlier cell that failed before setting it, or one this cell's
            // functions use before its declaration line has run.
            let message = laterGlobals[name] != nil
                ? "variable '\(name)' used before being initialized"
                : "variable '\(name)' has no value: the cell that declares it stopped before setting it"
            return { f in
                let v = try load(f)
                if case .void = v { throw ScriptError(message, at: span) }
                return v
            }
        }
        if let g = interp.functions[name] { let c = Value.hostFunction(g); return { _ in c } }
        if let n = interp.namespaces[name] { let c = Value.namespace(n); return { _ in c } }
        throw ScriptError("cannot find '\(name)' in scope" + Suggestions.suffix(name, namesInScope()), at: span)
    }

    /// An array literal (Ints widened when the elements mix Int and Double literals).
    private func compileArrayLiteral(_ elements: [Expr]) throws -> Eval {
        var evals = try elements.map(compileExpr)
        // `[1, 2.5]` is a [Double] in Swift: integer literals adapt when a Double literal is present.
        let hasDouble = elements.contains(where: \.isDoubleLiteral)
        if hasDouble && elements.allSatisfy({ $0.isDoubleLiteral || self.isIntLiteral($0) }) {
            for (i, el) in elements.enumerated() where isIntLiteral(el) {
                let x = evals[i]
                evals[i] = { f in try Operators.widen(try x(f)) }
            }
        }
        let all = evals
        return { f in
            var xs: [Value] = []
            xs.reserveCapacity(all.count)
            for e in all { xs.append(try e(f)) }
            return .array(xs)
        }
    }
}
