extension Compiler {
    func compileBinary(_ op: String, _ lhs: Expr, _ rhs: Expr, _ span: Span) throws -> Eval {
        let le = try compileExpr(lhs), re = try compileExpr(rhs)
        switch op {
        case "&&", "||":
            let isAnd = op == "&&"
            return { f in
                guard case .bool(let a) = try le(f) else {
                    throw ScriptError("cannot convert value of type '\(try le(f).typeName)' to expected argument type 'Bool'", at: lhs.span)
                }
                if a != isAnd { return .bool(a) }
                guard case .bool(let b) = try re(f) else {
                    throw ScriptError("cannot convert value of type '\(try re(f).typeName)' to expected argument type 'Bool'", at: rhs.span)
                }
                return .bool(b)
            }
        case "??":
            return { f in
                let v = try le(f)
                return v.isNil ? try re(f) : v
            }
        default: break
        }
        // An integer literal on one side adapts to a Double on the other (`x * 2`, `0.5 + 1`).
        let adaptLeft = isIntLiteral(lhs) && !isIntLiteral(rhs)
        let adaptRight = isIntLiteral(rhs) && !isIntLiteral(lhs)
        @inline(__always) func operands(_ f: Frame) throws -> (Value, Value) {
            var l = try le(f), r = try re(f)
            if adaptLeft, case .int(let a) = l, case .double = r { l = .double(Double(a)) }
            if adaptRight, case .int(let b) = r, case .double = l { r = .double(Double(b)) }
            return (l, r)
        }
        switch op {
        case "+":
            return { f in
                let (l, r) = try operands(f)
                if case .int(let a) = l, case .int(let b) = r {
                    let (v, o) = a.addingReportingOverflow(b)
                    if !o { return .int(v) }
                }
                if case .double(let a) = l, case .double(let b) = r { return .double(a + b) }
                return try Operators.arithmetic("+", l, r, span)
            }
        case "-":
            return { f in
                let (l, r) = try operands(f)
                if case .int(let a) = l, case .int(let b) = r {
                    let (v, o) = a.subtractingReportingOverflow(b)
                    if !o { return .int(v) }
                }
                if case .double(let a) = l, case .double(let b) = r { return .double(a - b) }
                return try Operators.arithmetic("-", l, r, span)
            }
        case "*":
            return { f in
                let (l, r) = try operands(f)
                if case .double(let a) = l, case .double(let b) = r { return .double(a * b) }
                return try Operators.arithmetic("*", l, r, span)
            }
        case "/", "%":
            return { f in
                let (l, r) = try operands(f)
                return try Operators.arithmetic(op, l, r, span)
            }
        case "<":
            return { f in
                let (l, r) = try operands(f)
                if case .int(let a) = l, case .int(let b) = r { return .bool(a < b) }
                return .bool(try Operators.compare(op, l, r, span))
            }
        case "==", "!=", "<=", ">", ">=":
            return { f in
                let (l, r) = try operands(f)
                return .bool(try Operators.compare(op, l, r, span))
            }
        case "..<", "...":
            return { f in
                let (l, r) = try operands(f)
                return try Operators.range(op, l, r, span)
            }
        default:
            throw ScriptError("unknown binary operator '\(op)'", at: span)
        }
    }
}
