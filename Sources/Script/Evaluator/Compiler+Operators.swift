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
        case "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "..<", "...":
            let general = binaryOperator(op, lhs, rhs, span)
            if let fast = FastOp(op) { return compileFastBinary(fast, lhs, rhs, le: le, re: re, slow: general) }
            return { f in try general(try le(f), try re(f)) }
        default:
            throw ScriptError("unknown binary operator '\(op)'", at: span)
        }
    }

    /// The general semantics of an arithmetic, comparison or range operator on evaluated operands.
    func binaryOperator(_ op: String, _ lhs: Expr, _ rhs: Expr, _ span: Span) -> (Value, Value) throws -> Value {
        // An integer literal on one side adapts to a Double on the other (`x * 2`, `0.5 + 1`).
        let adaptLeft = isIntLiteral(lhs) && !isIntLiteral(rhs)
        let adaptRight = isIntLiteral(rhs) && !isIntLiteral(lhs)
        return { l, r in
            var l = l, r = r
            if adaptLeft, case .int(let a) = l, case .double = r { l = .double(Double(a)) }
            if adaptRight, case .int(let b) = r, case .double = l { r = .double(Double(b)) }
            switch op {
            case "+", "-", "*", "/", "%": return try Operators.arithmetic(op, l, r, span)
            case "..<", "...": return try Operators.range(op, l, r, span)
            default: return .bool(try Operators.compare(op, l, r, span))
            }
        }
    }
}
