extension Compiler {
    /// `let`/`var` with a name or tuple pattern, an optional annotation and an optional value.
    func compileDeclaration(isLet: Bool, pattern: Pattern, type: TypeExpr?, value: Expr?, span: Span) throws -> Exec {
        let check = try typeCheck(type, span)
        let eval = try value.map(compileExpr)
        let literal = value.map(isIntLiteral) ?? false
        let staticType = check ?? value.flatMap(inferredType)
        if case .name(let name, let nameSpan) = pattern, isLet, type == nil, !atGlobalLevel,
           case .closure(let c)? = value?.kind {
            // `let f = { … }` in a function: the closure lives in the frame it closes over.
            let proto = try compileClosurePrototype(c)
            let target = pointer(try declare(name, isLet: true, type: .function, span: nameSpan, holdsOwnClosure: true))
            return { f in target(f).pointee = .function(Function(proto, storedIn: f)); return .normal }
        }
        if case .name(let name, let nameSpan) = pattern {
            // `let x: Int` without a value is assigned later (Swift's definite initialization).
            let target = pointer(try declare(name, isLet: isLet && value != nil, type: staticType, span: nameSpan))
            guard let eval else { return { f in target(f).pointee = .nil; return .normal } }
            guard let check else { return { f in target(f).pointee = try eval(f); return .normal } }
            let valueSpan = value?.span ?? span
            return { f in
                target(f).pointee = try Compiler.bind(try eval(f), to: check, literal: literal,
                                                      message: "specified type", at: valueSpan)
                return .normal
            }
        }
        guard let eval else { throw ScriptError("a tuple pattern needs a value to destructure", at: span) }
        let bindPattern = try compilePattern(pattern, isLet: isLet)
        return { f in
            var v = try eval(f)
            if let check { v = try Compiler.bind(v, to: check, literal: literal, message: "specified type", at: span) }
            try bindPattern(f, v)
            return .normal
        }
    }

    /// Checks a value against a declared type, converting integer literals where Swift would.
    static func bind(_ v: Value, to type: TypeCheck, literal: Bool, message: String, at span: Span) throws -> Value {
        if type.matches(v) { return v }
        if literal, let converted = type.convertingLiteral(v) { return converted }
        if case .array(let xs) = v, xs.isEmpty, case .array = type { return v }
        if case .dictionary(let d) = v, d.isEmpty, case .dictionary = type { return v }
        throw ScriptError("cannot convert value of type '\(v.typeName)' to \(message) '\(type)'", at: span)
    }

    /// Declares the names of a pattern and returns a binder that destructures a value into them.
    func compilePattern(_ pattern: Pattern, isLet: Bool) throws -> (Frame, Value) throws -> Void {
        switch pattern {
        case .wildcard: return { _, _ in }
        case .name(let name, let span):
            let target = pointer(try declare(name, isLet: isLet, type: nil, span: span))
            return { f, v in target(f).pointee = v }
        case .tuple(let items):
            let binders = try items.map { try compilePattern($0, isLet: isLet) }
            let count = items.count
            let span = pattern.names.first?.1 ?? Span(line: 1, column: 1, length: 1)
            return { f, v in
                let elements = try Compiler.tupleElements(v, count: count, span: span)
                for i in 0..<count { try binders[i](f, elements[i]) }
            }
        }
    }

    /// The elements of a tuple a pattern of `count` elements destructures (`let (a, b) = …`,
    /// `case (0, _):`); any other value, or another length, is an error at the pattern.
    static func tupleElements(_ v: Value, count: Int, span: Span) throws -> [Value] {
        guard case .tuple(let t) = v else {
            throw ScriptError("tuple pattern cannot match values of non-tuple type '\(v.typeName)'", at: span)
        }
        guard t.elements.count == count else {
            throw ScriptError("tuple pattern has \(count) elements but the value '\(v.typeName)' has "
                              + "\(t.elements.count)", at: span)
        }
        return t.elements
    }

    /// A `func` declaration, stored in the slot it was hoisted to.
    func compileFunctionDecl(_ decl: FuncDecl) throws -> Exec {
        guard let resolved = lookup(decl.name) else {
            throw ScriptError("internal: '\(decl.name)' not hoisted", at: decl.span)
        }
        let target = pointer(resolved)
        let proto = try compileFunction(name: decl.name, params: decl.params, returnType: decl.returnType,
                                        body: decl.body, isClosure: false, span: decl.span)
        if case .local(_, let info) = resolved, info.holdsOwnClosure {
            return { f in target(f).pointee = .function(Function(proto, storedIn: f)); return .normal }
        }
        return { f in
            target(f).pointee = .function(Function(proto, captured: f))
            return .normal
        }
    }

    /// Compiles a function or closure body in a new scope.
    func compileFunction(name: String, params: [ParamDecl], returnType: TypeExpr?, body: [Stmt],
                         isClosure: Bool, span: Span) throws -> FunctionPrototype {
        let returnCheck = try typeCheck(returnType, span)
        // Defaults are evaluated in the declaring scope (they cannot see other parameters).
        let defaults = try params.map { p in try p.defaultValue.map(compileExpr) }
        let outer = scope, outerRule = fallthroughRule
        scope = FunctionScope(parent: outer, returnType: returnCheck, isCell: false)
        fallthroughRule = .notInCase  // a function body cannot fall through the switch around it
        defer { scope = outer; fallthroughRule = outerRule }
        var compiledParams: [CompiledParam] = []
        for (i, p) in params.enumerated() {
            let type = try typeCheck(p.type, p.span)
            // Closure parameters are assignable so `reduce(into:)` can update its accumulator in place.
            let r = try declare(p.name, isLet: !isClosure, type: type, span: p.span)
            compiledParams.append(CompiledParam(label: isClosure ? nil : p.label, name: p.name, type: type,
                                                defaultValue: defaults[i], slot: r.info.slot,
                                                literalDefault: p.defaultValue.map(isIntLiteral) ?? false))
        }
        let exec: Exec
        let returnsValue = returnCheck.map { if case .void = $0 { return false }; return true } ?? isClosure
        if body.count == 1, case .expr(let e) = body[0].kind, returnsValue {
            // A single-expression body returns its value (and is collected in builder mode).
            let ret = try compileReturn(e, span: e.span)
            exec = { f in
                if f.state.pointee.collected != nil {
                    let flow = try ret(f)
                    let v = f.state.pointee.returnValue
                    f.state.pointee.returnValue = .void
                    if !v.isVoid { f.state.pointee.collected?.append(v) }
                    return flow == .returned ? .normal : flow
                }
                return try ret(f)
            }
        } else {
            exec = try compileBlock(body)
        }
        return FunctionPrototype(name: name, params: compiledParams, returnType: returnCheck,
                                 slotCount: scope.slotCount,
                                 body: exec, isClosure: isClosure, span: span, needsParent: scope.needsParent,
                                 framesEscape: body.contains(where: \.createsClosure))
    }

    /// A closure literal: a function value capturing the current frame.
    func compileClosure(_ c: ClosureExpr) throws -> Eval {
        let proto = try compileClosurePrototype(c)
        return { f in .function(Function(proto, captured: f)) }
    }

    /// A closure literal's compiled body and parameters (`$0`, … when it names none).
    func compileClosurePrototype(_ c: ClosureExpr) throws -> FunctionPrototype {
        var params = c.params
        if params.isEmpty && c.dollarCount > 0 {
            params = (0..<c.dollarCount).map { ParamDecl(label: nil, name: "$\($0)", type: nil, defaultValue: nil,
                                                         span: c.span) }
        }
        let proto = try compileFunction(name: "closure", params: params, returnType: c.returnType, body: c.body,
                                        isClosure: true, span: c.span)
        proto.implicitParams = c.params.isEmpty
        return proto
    }
}
