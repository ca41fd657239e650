extension Compiler {
    /// A binary operator, through the fast paths for Int and Double operands where they apply.
    func compileBinary(_ op: String, _ lhs: Expr, _ rhs: Expr, _ span: Span) throws -> Eval {
        let le = try compileExpr(lhs), re = try compileExpr(rhs)
        if let logical = logicalStep(op, lhs, rhs, re) { return { f in try logical(try le(f), f) } }
        guard let general = arithmeticOperator(op, lhs, rhs, span) else {
            throw ScriptError("unknown binary operator '\(op)'", at: span)
        }
        if let fast = FastOp(op) { return compileFastBinary(fast, lhs, rhs, le: le, re: re, slow: general) }
        return { f in try general(try le(f), try re(f)) }
    }

    /// `binaryOperator` for the arithmetic, comparison and range operators; nil for others.
    func arithmeticOperator(_ op: String, _ lhs: Expr, _ rhs: Expr, _ span: Span) -> ((Value, Value) throws -> Value)? {
        switch op {
        case "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "..<", "...":
            return binaryOperator(op, lhs, rhs, span)
        default:
            return nil
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
