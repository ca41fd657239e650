extension Compiler {
    /// `for pattern in sequence where filter { body }` over ranges, arrays, strings and dictionaries.
    func compileFor(pattern: Pattern, sequence: Expr, filter: Expr?, body: [Stmt], span: Span) throws -> Exec {
        if body.contains(where: \.createsClosure) || (filter?.createsClosure ?? false) {
            return try compileForWithFreshBindings(pattern: pattern, sequence: sequence, filter: filter, body: body)
        }
        let seq = try compileExpr(sequence)
        return try withBlock {
            // The loop variable is a plain slot write for `for i in …`; patterns destructure.
            var simpleTarget: ((Frame) -> UnsafeMutablePointer<Value>)?
            var binder: ((Frame, Value) throws -> Void)?
            if case .name(let name, let nameSpan) = pattern {
                simpleTarget = pointer(try declare(name, isLet: true, type: nil, span: nameSpan))
            } else {
                binder = try compilePattern(pattern, isLet: true)
            }
            let test = try filter.map(compileCondition)
            let run = try withBlock { try compileBlock(body) }
            let interp = self.interp, seqSpan = sequence.span
            // One iteration: bind, filter, run. Returns false to stop the loop.
            let step: (Frame, Value, inout Flow) throws -> Bool = { f, v, result in
                if let simpleTarget { simpleTarget(f).pointee = v } else { try binder?(f, v) }
                if let test, !(try test(f)) { return true }
                let flow = try run(f)
                if flow == .breakLoop { return false }
                if flow == .returned { result = .returned; return false }
                return true
            }
            if let simpleTarget, test == nil {
                // Fast path for `for i in a..<b` with a plain name: no closure call per iteration.
                return { f in
                    let s = try seq(f)
                    if case .range(let r) = s, r.step == nil {
                        var i = r.lower
                        let end = r.closed ? r.upper : r.upper &- 1
                        if !r.closed && r.upper == Int.min { return .normal }
                        guard i <= end else { return .normal }
                        let slot = simpleTarget(f)
                        while true {
                            slot.pointee = .int(i)
                            try interp.tick(span)
                            let flow = try run(f)
                            if flow == .breakLoop { break }
                            if flow == .returned { return .returned }
                            if i == end { break }
                            i += 1
                        }
                        return .normal
                    }
                    if case .array(let xs) = s {
                        // `for x in xs`: the loop walks its own copy, as in Swift (the body may change xs).
                        let slot = simpleTarget(f)
                        for x in xs {
                            slot.pointee = x
                            try interp.tick(span)
                            let flow = try run(f)
                            if flow == .breakLoop { break }
                            if flow == .returned { return .returned }
                        }
                        return .normal
                    }
                    var result = Flow.normal
                    try Compiler.iterate(s, span: seqSpan, interp: interp) { v in try step(f, v, &result) }
                    return result
                }
            }
            return { f in
                var result = Flow.normal
                try Compiler.iterate(try seq(f), span: seqSpan, interp: interp) { v in try step(f, v, &result) }
                return result
            }
        }
    }

    /// A loop whose body creates closures: each iteration runs in its own frame, so a closure
    /// made in iteration i keeps seeing iteration i's loop variable (as in Swift).
    private func compileForWithFreshBindings(pattern: Pattern, sequence: Expr, filter: Expr?,
                                             body: [Stmt]) throws -> Exec {
        let seq = try compileExpr(sequence)
        let outer = scope
        scope = FunctionScope(parent: outer, returnType: outer.returnType, isCell: false, isIteration: true)
        defer { scope = outer }
        let bind = try compilePattern(pattern, isLet: true)
        let test = try filter.map(compileCondition)
        let run = try withBlock { try compileBlock(body) }
        let slotCount = scope.slotCount
        let interp = self.interp, seqSpan = sequence.span
        return { f in
            var result = Flow.normal
            try Compiler.iterate(try seq(f), span: seqSpan, interp: interp) { v in
                let frame = Frame.make(count: slotCount, parent: f)
                // Builder bodies keep collecting through the loop's frames.
                frame.state.pointee.collected = f.state.pointee.collected
                f.state.pointee.collected = nil
                defer { f.state.pointee.collected = frame.state.pointee.collected }
                try bind(frame, v)
                if let test, !(try test(frame)) { return true }
                let flow = try run(frame)
                if flow == .breakLoop { return false }
                if flow == .returned {
                    f.state.pointee.returnValue = frame.state.pointee.returnValue
                    result = .returned
                    return false
                }
                return true
            }
            return result
        }
    }

    /// Calls `body` with each element of a sequence value until it returns false.
    static func iterate(_ s: Value, span: Span, interp: Interpreter, _ body: (Value) throws -> Bool) throws {
        switch s {
        case .range(let r):
            if let step = r.step {
                guard step != 0 else { throw ScriptError("stride step must not be zero", at: span) }
                var i = r.lower
                while step > 0 ? (r.closed ? i <= r.upper : i < r.upper) : (r.closed ? i >= r.upper : i > r.upper) {
                    try interp.tick(span)
                    guard try body(.int(i)) else { return }
                    let (next, overflow) = i.addingReportingOverflow(step)
                    if overflow { return }
                    i = next
                }
                return
            }
            var i = r.lower
            let end = r.closed ? r.upper : r.upper &- 1
            if !r.closed && r.upper == Int.min { return }
            guard i <= end else { return }
            while true {
                try interp.tick(span)
                guard try body(.int(i)) else { return }
                if i == end { return }
                i += 1
            }
        case .array(let xs):
            for x in xs {
                try interp.tick(span)
                guard try body(x) else { return }
            }
        case .dictionary(let d):
            for (k, v) in zip(d.keys, d.values) {
                try interp.tick(span)
                guard try body(.tuple(TupleValue([k.value, v], labels: ["key", "value"]))) else { return }
            }
        case .string(let str):
            for c in str {
                try interp.tick(span)
                guard try body(.string(String(c))) else { return }
            }
        case .tuple(let t) where t.labels == ["lowerBound", "upperBound"]:
            throw ScriptError("cannot iterate over a range of 'Double'; use stride(from:to:by:)", at: span)
        default:
            throw ScriptError("for-in loop requires '\(s.typeName)' to conform to 'Sequence'", at: span)
        }
    }
}
