/// One operator of a compiled chain: the value so far and the frame to the new value so far.
typealias ChainStep = (Value, Frame) throws -> Value

extension Compiler {
    /// Left spines longer than this compile to a loop. Shorter ones nest closures, which keeps
    /// the fast paths of `compileFastBinary` for everyday expressions.
    static let chainThreshold = 32

    /// Whether `e` heads a left spine of more than `chainThreshold` binary operators
    /// (`1 + 1 + … + 1`, parsed as `((1 + 1) + …) + 1`).
    func isLongChain(_ e: Expr) -> Bool {
        var node = e, length = 0
        while case .binary(_, let lhs, _) = node.kind {
            length += 1
            if length > Compiler.chainThreshold { return true }
            node = lhs
        }
        return false
    }

    /// Compiles a long left spine without recursing per operator, to code that evaluates it in a
    /// loop: a million-term sum neither overflows the stack while compiling nor while running.
    func compileChain(_ root: Expr) throws -> Eval {
        var spine: [Expr] = []
        var node = root
        while case .binary(_, let lhs, _) = node.kind {
            spine.append(node)
            node = lhs
        }
        let first = try compileExpr(node)
        var steps: [ChainStep] = []
        steps.reserveCapacity(spine.count)
        for n in spine.reversed() {
            guard case .binary(let op, let lhs, let rhs) = n.kind else { continue }
            steps.append(try compileStep(op, lhs, rhs, n.span))
        }
        let all = steps
        return { f in
            var value = try first(f)
            for step in all { value = try step(value, f) }
            return value
        }
    }

    /// `value op rhs` given the left operand's value: the same semantics as `compileBinary`.
    func compileStep(_ op: String, _ lhs: Expr, _ rhs: Expr, _ span: Span) throws -> ChainStep {
        let re = try compileExpr(rhs)
        if let logical = logicalStep(op, lhs, rhs, re) { return logical }
        guard let general = arithmeticOperator(op, lhs, rhs, span) else {
            throw ScriptError("unknown binary operator '\(op)'", at: span)
        }
        guard let fast = FastOp(op) else { return { l, f in try general(l, try re(f)) } }
        return { l, f in
            let r = try re(f)
            if case .int(let a) = l, case .int(let b) = r, let v = fast.ints(a, b) { return v }
            if case .double(let a) = l, case .double(let b) = r { return fast.doubles(a, b) }
            return try general(l, r)
        }
    }

    /// `&&`, `||` and `??`, which evaluate their right operand only when needed; nil for others.
    func logicalStep(_ op: String, _ lhs: Expr, _ rhs: Expr, _ re: @escaping Eval) -> ChainStep? {
        switch op {
        case "&&", "||":
            let isAnd = op == "&&"
            return { l, f in
                guard case .bool(let a) = l else { throw Compiler.notBool(l, at: lhs.span) }
                if a != isAnd { return .bool(a) }
                let r = try re(f)
                guard case .bool(let b) = r else { throw Compiler.notBool(r, at: rhs.span) }
                return .bool(b)
            }
        case "??":
            return { l, f in l.isNil ? try re(f) : l }
        default:
            return nil
        }
    }

    /// The error for a `&&`/`||` operand that is not a Bool.
    static func notBool(_ v: Value, at span: Span) -> ScriptError {
        ScriptError("cannot convert value of type '\(v.typeName)' to expected argument type 'Bool'", at: span)
    }
}
