extension Compiler {
    /// A call expression: a method, a script or host function, a constructor or a closure value.
    func compileCall(_ callee: Expr, _ args: [Argument], _ optional: Bool, _ span: Span) throws -> Eval {
        let call = try compileCallBody(callee, args, optional, span)
        // Only a call written over several lines needs its argument errors moved to the argument's
        // own line; one-line calls (nearly all, and the hot ones) run unwrapped.
        let spans = args.map(\.span)
        guard spans.contains(where: { $0.line != span.line }) else { return call }
        return { f in
            do {
                return try call(f)
            } catch let error as ScriptError where error.argument.map({ spans.indices.contains($0) }) ?? false {
                throw ScriptError(error.message, at: spans[error.argument!])
            }
        }
    }

    /// The call itself, by what the callee is; mutating methods on variables work in place.
    private func compileCallBody(_ callee: Expr, _ args: [Argument], _ optional: Bool, _ span: Span) throws -> Eval {
        let labels = args.map(\.label)
        let evals = try args.map { EvalBox(run: try compileExpr($0.value)) }
        let literal = args.map { isIntLiteral($0.value) }
        let count = evals.count
        func evaluate(_ f: Frame) throws -> [Value] {
            var values: [Value] = []
            values.reserveCapacity(count)
            for e in evals { values.append(try e.run(f)) }
            return values
        }
        let interp = self.interp
        switch callee.kind {
        case .member(let base, let name, let opt, let chained):
            let memberSpan = callee.span
            let site = MethodSite(name: name, labels: labels)
            if MethodTable.mutatingNames.contains(name), let modify = try? compileLValue(base, mutating: true) {
                if isPartOfLet(base) {
                    return try compileCallOnLet(base, modify, site, evaluate, opt || chained, memberSpan)
                }
                if name == "append", labels == [nil] {
                    // The hot path of building arrays: append in place without a method lookup.
                    var arg = evals[0].run
                    if case .array(.double)? = staticType(base), literal[0] {
                        let x = arg; arg = { f in try Operators.widen(try x(f)) }
                    }
                    let value = arg
                    if case .identifier(let variable) = base.kind, let r = lookup(variable), !r.info.isLet {
                        // `xs.append(v)` on a variable: straight at its storage, no modify closures.
                        let ptr = pointer(r)
                        return { f in
                            let v = try value(f)
                            let p = ptr(f)
                            if p.pointee.appendInPlace(v) { return .void }
                            if p.pointee.isNil && (opt || chained) { return .nil }
                            return try interp.callMutatingMethod(&p.pointee, name, [v], labels: labels,
                                                                 span: memberSpan,
                                                                 site: site)
                        }
                    }
                    return { f in
                        let v = try value(f)
                        return try modify(f) { receiver in
                            if case .array = receiver, var xs = receiver.takeArray() {
                                xs.append(v)
                                receiver = .array(xs)
                                return .void
                            }
                            if receiver.isNil && (opt || chained) { return .nil }
                            return try interp.callMutatingMethod(&receiver, name, [v], labels: labels, span: memberSpan,
                                                                 site: site)
                        }
                    }
                }
                // Convert integer literals appended to a [Double] (`xs.append(1)`).
                var argEvals = evals
                if case .array(.double)? = staticType(base) {
                    for i in args.indices where literal[i] {
                        let x = argEvals[i].run; argEvals[i] = EvalBox { f in try Operators.widen(try x(f)) }
                    }
                }
                let finalEvals = argEvals
                return { f in
                    var values: [Value] = []
                    values.reserveCapacity(count)
                    for e in finalEvals { values.append(try e.run(f)) }
                    return try modify(f) { receiver in
                        if receiver.isNil && (opt || chained) { return .nil }
                        return try interp.callMutatingMethod(&receiver, name, values, labels: labels, span: memberSpan,
                                                             site: site)
                    }
                }
            }
            let baseEval = try compileExpr(base)
            return { f in
                let receiver = try baseEval(f)
                if receiver.isNil && (opt || chained) { return .nil }
                return try interp.callMethod(receiver, name, try evaluate(f), labels: labels, span: memberSpan,
                                             site: site)
            }
        case .identifier(let name):
            if let r = lookup(name) {
                let load = self.load(r)
                let site = CallSite(args: evals, labels: labels, literal: literal, span: span, interp: interp)
                return site.compiled(callee: load, peek: r.info.isLet ? pointer(r) : nil)
            }
            if let group = interp.functions[name] {
                return { f in try interp.callHost(group, try evaluate(f), labels: labels, receiver: nil, span: span) }
            }
            if count == 1, labels == [nil], name == "Double" || name == "Int", let ns = interp.namespaces[name] {
                // `Double(i)` / `Int(x)` on numbers without the generic host call.
                let arg = evals[0].run, toDouble = name == "Double"
                let value = Value.namespace(ns)
                return { f in
                    let v = try arg(f)
                    if toDouble, case .int(let i) = v { return .double(Double(i)) }
                    if !toDouble, case .int = v { return v }
                    return try interp.callValue(value, [v], labels: labels, span: span)
                }
            }
            if let ns = interp.namespaces[name] {
                let value = Value.namespace(ns)
                return { f in try interp.callValue(value, try evaluate(f), labels: labels, span: span) }
            }
            throw ScriptError("cannot find '\(name)' in scope" + Suggestions.suffix(name, namesInScope()),
                              at: callee.span)
        case .array(let elements) where elements.count == 1:
            // `[Double]()`, `[Int](repeating: 0, count: n)`: an array type used as a constructor.
            if case .identifier(let n) = elements[0].kind, lookup(n) == nil, n.first?.isUppercase == true {
                if count == 0 { return { _ in .array([]) } }
                if let array = interp.namespaces["Array"] {
                    let value = Value.namespace(array)
                    return { f in try interp.callValue(value, try evaluate(f), labels: labels, span: span) }
                }
            }
        case .dictionary(let pairs) where pairs.count == 1 && count == 0:
            if case .identifier = pairs[0].key.kind { return { _ in .dictionary(DictionaryValue()) } }
        case .implicitMember(let name):
            // `.oneHot(columns: 10)`: a case with labelled values, for the host parameter that takes it.
            guard !labels.isEmpty, labels.allSatisfy({ $0 != nil }) else {
                throw ScriptError("cannot call implicit member '.\(name)' here; write the full name, as in "
                                  + "'Type.\(name)(…)', or label every value, as in '.\(name)(columns: 10)'",
                                  at: span)
            }
            let names = labels.compactMap { $0 }
            return { f in Value.caseValue(name, Dictionary(zip(names, try evaluate(f)), uniquingKeysWith: { $1 })) }
        default: break
        }
        let calleeEval = try compileExpr(callee)
        return { f in
            let fn = try calleeEval(f)
            if fn.isNil && optional { return .nil }
            return try interp.callValue(fn, try evaluate(f), labels: labels, span: span)
        }
    }

    /// `base.name` read as a value; builtin properties are looked up once per site.
    func compileMember(_ base: Expr, _ name: String, _ optional: Bool, _ span: Span) throws -> Eval {
        let baseEval = try compileExpr(base)
        let interp = self.interp
        let site = PropertySite(name: name)
        return { f in
            let v = try baseEval(f)
            if v.isNil && optional { return .nil }
            return try interp.property(v, name, span: span, site: site)
        }
    }

    /// `base[index]` read as a value, with a fast path for an Int index into an array.
    func compileSubscript(_ base: Expr, _ args: [Argument], _ optional: Bool, _ span: Span) throws -> Eval {
        let baseEval = try compileExpr(base)
        let evals = try args.map { try compileExpr($0.value) }
        let labels = args.map(\.label)
        let interp = self.interp
        if evals.count == 1 && labels[0] == nil {
            let index = evals[0]
            return { f in
                let v = try baseEval(f)
                if v.isNil && optional { return .nil }
                let i = try index(f)
                if case .array(let xs) = v, case .int(let n) = i, n >= 0, n < xs.count { return xs[n] }
                return try interp.subscriptGet(v, [i], labels: labels, span: span)
            }
        }
        return { f in
            let v = try baseEval(f)
            if v.isNil && optional { return .nil }
            return try interp.subscriptGet(v, try evals.map { try $0(f) }, labels: labels, span: span)
        }
    }
}
