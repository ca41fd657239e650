/// In-place access to an assignable expression: runs `body` on its storage and returns its result.
typealias Modify = (Frame, (inout Value) throws -> Value) throws -> Value

extension Compiler {
    /// `target = value` and `target op= value`, on variables, subscripts, members and tuple elements.
    func compileAssignment(target: Expr, op: String?, value: Expr, span: Span) throws -> Exec {
        var rhs = try compileExpr(value)
        if let type = staticType(target),
           type.isDouble || { if case .optional(.double) = type { return true }; return false }(),
           isIntLiteral(value) {
            let x = rhs
            rhs = { f in try Operators.widen(try x(f)) }
        }
        let literal = isIntLiteral(value)
        let opSpan = span
        if case .identifier("_") = target.kind, op == nil {
            return { f in _ = try rhs(f); return .normal }
        }
        // Fast path: a plain variable.
        if case .identifier(let name) = target.kind {
            guard let r = lookup(name) else {
                throw ScriptError("cannot find '\(name)' in scope" + Suggestions.suffix(name, namesInScope()),
                                  at: target.span)
            }
            if r.info.isLet {
                throw ScriptError("cannot assign to value: '\(name)' is a 'let' constant", at: target.span)
            }
            let ptr = pointer(r)
            let declared = r.info.type
            let valueSpan = value.span
            guard let op else {
                return { f in
                    let v = try rhs(f)
                    let p = ptr(f)
                    if let declared {
                        if declared.matches(v) { p.pointee = v; return .normal }
                        if case .function = declared { p.pointee = v; return .normal }
                        do {
                            p.pointee = try Compiler.bind(v, to: declared, literal: literal, message: "type",
                                                          at: valueSpan)
                        } catch {
                            throw ScriptError("cannot assign value of type '\(v.typeName)' to type '\(declared)'",
                                              at: valueSpan)
                        }
                    } else {
                        try Compiler.checkSameKind(p.pointee, v, valueSpan)
                        p.pointee = v
                    }
                    return .normal
                }
            }
            if op == "+" { return compileAddAssign(r, rhs: rhs, value: value, literal: literal, span: opSpan) }
            return { f in
                let r = try rhs(f)
                let p = ptr(f)
                try Compiler.compound(op, &p.pointee, r, literal: literal, span: opSpan)
                return .normal
            }
        }
        let modify = try compileLValue(target, mutating: false)
        return { f in
            let r = try rhs(f)
            _ = try modify(f) { slot in
                if let op { try Compiler.compound(op, &slot, r, literal: literal, span: opSpan) } else { slot = r }
                return .void
            }
            return .normal
        }
    }

    /// `a op= b` in place: appending to a String or Array does not copy it.
    @inline(__always) static func compound(_ op: String, _ slot: inout Value, _ r: Value, literal: Bool,
                                           span: Span) throws {
        if case .int(let a) = slot, case .int(let b) = r, op == "+" {
            let (v, o) = a.addingReportingOverflow(b)
            if o { throw Operators.overflow(a, "+", b, span) }
            slot = .int(v)
            return
        }
        if case .double(let a) = slot {
            if case .double(let b) = r, op == "+" { slot = .double(a + b); return }
            if case .int(let b) = r, literal {
                slot = try Operators.arithmetic(op, .double(a), .double(Double(b)), span); return
            }
        }
        if op == "+", case .string(let t) = r, case .string = slot {
            // Measured through a borrow: a binding of the string would keep a second reference alive
            // and make `takeString` copy it on every append.
            let old = Allocation.count(of: slot), bytes = old &+ t.utf8.count
            try Allocation.check(bytes, grownFrom: old, Allocation.describe(bytes, "a string"), at: span)
            guard var s = slot.takeString() else { return }
            s += t
            slot = .string(s)
            return
        }
        if op == "+", case .array(let ys) = r, case .array = slot {
            let old = Allocation.count(of: slot), count = old &+ ys.count
            try Allocation.check(Allocation.arrayBytes(count), grownFrom: Allocation.arrayBytes(old),
                                 Allocation.describe(count, "an array"), at: span)
            guard var xs = slot.takeArray() else { return }
            xs += ys
            slot = .array(xs)
            return
        }
        do {
            slot = try Operators.arithmetic(op, slot, r, span)
        } catch let e as ScriptError where e.message.hasPrefix("binary operator '\(op)'") {
            // Name the operator as written: `total += x` reports '+=', not '+'.
            throw ScriptError("binary operator '\(op)='" + e.message.dropFirst("binary operator '\(op)'".count),
                              at: e.span)
        }
    }

    /// Swift variables keep their type: `var n = 0; n = 2.5` is an error.
    @inline(__always) static func checkSameKind(_ old: Value, _ new: Value, _ span: Span) throws {
        switch (old, new) {
        case (.int, .double), (.double, .int), (.int, .string), (.string, .int), (.double, .string),
             (.string, .double), (.bool, .int), (.int, .bool), (.bool, .string), (.string, .bool),
             (.bool, .double), (.double, .bool):
            throw ScriptError("cannot assign value of type '\(new.typeName)' to type '\(old.typeName)'", at: span)
        default: return
        }
    }

    /// Compiles an assignable expression: a variable, or a subscript/member/tuple element of one.
    func compileLValue(_ e: Expr, mutating: Bool) throws -> Modify {
        let interp = self.interp
        switch e.kind {
        case .identifier(let name):
            guard let r = lookup(name) else {
                throw ScriptError("cannot find '\(name)' in scope" + Suggestions.suffix(name, namesInScope()),
                                  at: e.span)
            }
            let ptr = pointer(r)
            if r.info.isLet {
                // Host objects are references: `let model = …; model.trainable = false` is fine.
                let span = e.span
                return { f, body in
                    var copy = ptr(f).pointee
                    switch copy {
                    case .object, .namespace, .function, .hostFunction: return try body(&copy)
                    default:
                        throw ScriptError(mutating ? "cannot use mutating member on immutable value: '\(name)' is a "
                                                     + "'let' constant"
                                                   : "cannot assign to value: '\(name)' is a 'let' constant", at: span)
                    }
                }
            }
            return { f, body in try body(&ptr(f).pointee) }
        case .subscript(let base, let args, _, _):
            let baseModify = try compileLValue(base, mutating: mutating)
            let evals = try args.map { try compileExpr($0.value) }
            let labels = args.map(\.label)
            let span = e.span
            return { f, body in
                let index = try evals.map { try $0(f) }
                return try baseModify(f) { b in
                    try interp.subscriptModify(&b, index, labels: labels, span: span, body)
                }
            }
        case .member(let base, let name, _, _):
            let baseModify = try compileLValue(base, mutating: mutating)
            let span = e.span
            return { f, body in
                try baseModify(f) { b in try interp.memberModify(&b, name, span: span, body) }
            }
        case .tupleIndex(let base, let index, _, _):
            let baseModify = try compileLValue(base, mutating: mutating)
            let span = e.span
            return { f, body in
                try baseModify(f) { b in
                    // Taken before it is looked at: a `case .tuple(let peek)` binding would keep the
                    // elements shared, so writing into one (`t.0[i] = …`) would copy it.
                    guard case .tuple = b, var t = b.takeTuple() else {
                        throw ScriptError("value of type '\(b.typeName)' has no member '\(index)'", at: span)
                    }
                    guard index < t.elements.count else {
                        b = .tuple(t)
                        throw ScriptError("value of type '\(b.typeName)' has no member '\(index)'", at: span)
                    }
                    defer { b = .tuple(t) }
                    return try body(&t.elements[index])
                }
            }
        case .forceUnwrap(let base):
            let baseModify = try compileLValue(base, mutating: mutating)
            let span = e.span
            return { f, body in
                try baseModify(f) { b in
                    if b.isNil {
                        throw ScriptError("unexpectedly found nil while unwrapping an Optional value", at: span)
                    }
                    return try body(&b)
                }
            }
        default:
            throw ScriptError("cannot assign to this expression", at: e.span)
        }
    }
}
