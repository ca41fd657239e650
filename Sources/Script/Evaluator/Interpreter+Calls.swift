extension Interpreter {
    /// Calls a script closure or function value with positional arguments (for host callbacks).
    /// Errors inside the closure are reported at their own location in the notebook.
    public func call(_ callee: Value, _ args: [Value]) throws -> Value {
        try callValue(callee, args, labels: Array(repeating: nil, count: args.count), span: callSpan)
    }

    /// Runs a closure as a builder body and returns the values of its expression statements.
    public func callBuilder(_ closure: Value) throws -> [Value] {
        guard case .function(let fn) = closure else {
            throw HostError("expected a closure '{ … }', got a value of type '\(closure.typeName)'")
        }
        let frame = Frame.make(count: fn.prototype.slotCount, parent: fn.captured)
        frame.state.pointee.collected = []
        try enter(fn.prototype.span)
        defer { callDepth -= 1 }
        _ = try fn.prototype.body(frame)
        return frame.state.pointee.collected ?? []
    }

    /// Counts a call against the depth limit (and the run budget).
    @inline(__always) func enter(_ span: Span) throws {
        callDepth += 1
        if callDepth > maxCallDepth {
            callDepth = 0
            throw ScriptError("stack overflow: recursion deeper than \(maxCallDepth) calls", at: span)
        }
        try tick(span)
    }

    /// Calls any callable value: a function, host function, or namespace with a constructor.
    func callValue(_ callee: Value, _ args: [Value], labels: [String?], span: Span) throws -> Value {
        switch callee {
        case .function(let fn): return try callFunction(fn, args, labels: labels, literal: nil, span: span)
        case .hostFunction(let g): return try callHost(g, args, labels: labels, receiver: nil, span: span)
        case .namespace(let ns):
            guard let c = ns.constructor else {
                let members = ns.memberNames.sorted().joined(separator: ", ")
                throw ScriptError("type '\(ns.name)' cannot be constructed; use one of its members: \(members)",
                                  at: span)
            }
            return try callHost(c, args, labels: labels, receiver: nil, span: span)
        default:
            throw ScriptError("cannot call value of non-function type '\(callee.typeName)'", at: span)
        }
    }

    /// Calls a closure whose first parameter is `inout` (`reduce(into:)`): returns that
    /// parameter's final value.
    func callUpdatingFirst(_ fn: Value, _ first: Value, _ rest: [Value], span: Span) throws -> Value {
        guard case .function(let f) = fn, let param = f.prototype.params.first, f.prototype.isClosure,
              f.prototype.params.count == rest.count + 1 else {
            throw ScriptError("reduce(into:) needs a closure taking the accumulator and an element, "
                              + "like { acc, x in … }", at: span)
        }
        let frame = Frame.make(count: f.prototype.slotCount, parent: f.captured)
        frame.slots[param.slot] = first
        for (i, p) in f.prototype.params.dropFirst().enumerated() { frame.slots[p.slot] = rest[i] }
        _ = try invoke(f.prototype, frame, span: span)
        return frame.slots[param.slot]
    }

    /// Calls a script function or closure: binds arguments by label, checks types, runs the body.
    func callFunction(_ fn: Function, _ argsIn: [Value], labels: [String?], literal: [Bool]?,
                      span: Span) throws -> Value {
        let p = fn.prototype
        let params = p.params
        let frame = Frame.make(count: p.slotCount, parent: fn.captured)
        let slots = frame.slots
        if p.isClosure {
            var args = argsIn
            if args.count != params.count {
                if args.count == 1, params.count > 1, case .tuple(let t) = args[0], t.elements.count == params.count {
                    args = t.elements
                } else if p.implicitParams && args.count > params.count {
                    args = Array(args.prefix(params.count))
                } else {
                    let expects = "\(params.count) argument\(params.count == 1 ? "" : "s")"
                    let passed = "\(args.count) \(args.count == 1 ? "was" : "were") passed"
                    throw ScriptError("closure of type '\(p.typeDescription)' expects \(expects), but \(passed)",
                                      at: span)
                }
            }
            for i in 0..<params.count {
                slots[params[i].slot] = try checkParam(params[i], args[i], literal: literal?[i] ?? false, span: span)
            }
        } else if labels.count == params.count && params.indices.allSatisfy({ params[$0].label == labels[$0] }) {
            for i in 0..<params.count {
                slots[params[i].slot] = try checkParam(params[i], argsIn[i], literal: literal?[i] ?? false, span: span)
            }
        } else {
            let matcher = ArgumentMatcher(slots: params.map {
                .init(label: $0.label, name: $0.name, hasDefault: $0.defaultValue != nil, variadic: false)
            })
            guard let plan = matcher.match(labels) else {
                throw ScriptError(matcher.failure(labels), at: span, argument: matcher.offendingArgument(labels))
            }
            for (i, param) in params.enumerated() {
                if let a = plan[i].first {
                    slots[param.slot] = try checkParam(param, argsIn[a], literal: literal?[a] ?? false, span: span)
                } else if let d = param.defaultValue {
                    slots[param.slot] = try checkParam(param, try d(fn.captured ?? frame),
                                                       literal: param.literalDefault, span: span)
                }
            }
        }
        return try invoke(p, frame, span: span)
    }

    /// Runs a function body in a frame whose parameters are already bound.
    @inline(__always) func invoke(_ p: FunctionPrototype, _ frame: Frame, span: Span) throws -> Value {
        try enter(span)
        defer { callDepth -= 1 }
        let flow = try p.body(frame)
        if flow == .returned { return frame.state.pointee.returnValue }
        if let r = p.returnType, !p.isClosure {
            if case .void = r {} else if case .optional = r { return .nil } else {
                throw ScriptError("missing return in function '\(p.name)' expected to return '\(r)'", at: p.span)
            }
        }
        return .void
    }

    /// An argument checked (and a literal converted) against its parameter type.
    @inline(__always) func checkParam(_ param: CompiledParam, _ v: Value, literal: Bool, span: Span) throws -> Value {
        guard let type = param.type, !type.matches(v) else { return v }
        return try Compiler.bind(v, to: type, literal: literal, message: "expected argument type", at: span)
    }
}
