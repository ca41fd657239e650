/// Binary operator precedence, following Swift's standard precedence groups.
private let precedence: [String: Int] = [
    "||": 1, "&&": 2,
    "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
    "??": 4,
    "..<": 6, "...": 6,
    "+": 7, "-": 7,
    "*": 8, "/": 8, "%": 8,
]

/// `as`, `as?`, `as!`: Swift's casting group, between nil-coalescing and ranges (`x as? Int ?? 0`).
private let castPrecedence = 5

extension Parser {
    /// A full expression, including a ternary.
    mutating func parseExpression() throws -> Expr {
        try nest()
        defer { depth -= 1 }
        let condition = try parseBinary(minPrecedence: 1)
        // The ternary needs space before '?' (`a ? b : c`); `a?` without space is optional chaining.
        if check("?") && current.spaceBefore {
            advance()
            let then = try parseExpression()
            try expect(":", "after the true branch of the ternary '?:'")
            let otherwise = try parseExpression()
            return Expr(.ternary(condition, then, otherwise), condition.span)
        }
        return condition
    }

    /// Whether the current token is a binary operator continuing the expression.
    private func binaryOperator() -> (String, Int)? {
        guard current.kind == .punct, let p = precedence[current.text] else { return nil }
        // `-x` at the start of a line begins a new statement; `a\n  - b` continues.
        if current.newlineBefore && !current.spaceAfter { return nil }
        // `a -b` reads as a prefix operator in Swift; treat only balanced spacing as binary.
        if current.spaceBefore && !current.spaceAfter && !current.newlineBefore { return nil }
        return (current.text, p)
    }

    /// Binary operators and casts binding at least as tightly as `minPrecedence` (precedence climbing).
    mutating func parseBinary(minPrecedence: Int) throws -> Expr {
        var lhs = try parseUnary()
        while true {
            if current.is("as") && castPrecedence >= minPrecedence {
                lhs = try parseCast(lhs)
                continue
            }
            guard let (op, p) = binaryOperator(), p >= minPrecedence else { break }
            let opToken = advance()
            // `??` is right-associative, so `a ?? b ?? …` recurses once per operator: count it as
            // nesting. Other operators loop here and build a left spine, which the compiler and
            // `Expr.deinit` walk without recursion. Comparisons are non-associative (treated left).
            let rightAssociative = op == "??"
            if rightAssociative { try nest() }
            let rhs = try parseBinary(minPrecedence: rightAssociative ? p : p + 1)
            if rightAssociative { depth -= 1 }
            lhs = Expr(.binary(op: op, lhs, rhs), opToken.span)
        }
        return lhs
    }

    /// `value as T`, `value as? T`, `value as! T`; the cast's span is the `as` (where its errors point).
    private mutating func parseCast(_ value: Expr) throws -> Expr {
        let asToken = advance()
        var kind = CastKind.coerce
        if !current.spaceBefore && (check("?") || check("!")) {
            kind = advance().text == "?" ? .conditional : .forced
        }
        let span = Span(line: asToken.span.line, column: asToken.span.column, length: kind == .coerce ? 2 : 3)
        return Expr(.cast(value, try parseType(), kind), span)
    }

    /// Prefix `-`, `!` and `+`, then a postfix chain; negative literals fold.
    mutating func parseUnary() throws -> Expr {
        if current.kind == .punct && (current.text == "-" || current.text == "!" || current.text == "+"),
           !peek().is(")") && !peek().is(",") {
            let op = advance()
            try nest()
            defer { depth -= 1 }
            let operand = try parseUnary()
            if op.text == "+" { return operand }
            if op.text == "-", case .int(let v) = operand.kind { return Expr(.int(-v), op.span.through(operand.span)) }
            if op.text == "-", case .double(let v) = operand.kind {
                return Expr(.double(-v), op.span.through(operand.span))
            }
            return Expr(.unary(op: op.text, operand), op.span)
        }
        return try parsePostfix(try parsePrimary())
    }

    /// Member accesses, calls, subscripts and `!` after a primary expression. Each one wraps
    /// the expression so far in one more node, so a chain counts against the nesting limit.
    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var expr = base
        var chained = false
        let outerDepth = depth
        defer { depth = outerDepth }
        while true {
            let t = current
            if t.is(".") || t.is("?") || t.is("!") || t.is("(") || t.is("[") || t.is("{") { try nest() }
            if t.is(".") {
                // A member on the next line continues a chain: `xs\n  .map { … }`.
                advance()
                expr = try parseMember(of: expr, dot: t, optional: false, chained: chained)
            } else if t.is("?") && !t.spaceBefore && peek().is(".") {
                advance()
                let dot = advance()
                expr = try parseMember(of: expr, dot: dot, optional: true, chained: chained)
                chained = true
            } else if t.is("!") && !t.spaceBefore {
                try rejectForceUnwrap(of: expr, at: t.span)
                advance()
                expr = Expr(.forceUnwrap(expr), t.span)
            } else if t.is("(") && !t.newlineBefore {
                advance()
                let args = try parseArguments(closing: ")")
                var all = args
                if let closure = try parseTrailingClosure() { all.append(closure) }
                expr = Expr(.call(expr, all, optional: false, chained: chained), expr.span)
            } else if t.is("[") && !t.newlineBefore {
                advance()
                let args = try parseArguments(closing: "]")
                expr = Expr(.subscript(expr, args, optional: false, chained: chained), t.span)
            } else if t.is("{") && !t.newlineBefore && !noTrailingClosure && isCallable(expr) {
                guard let closure = try parseTrailingClosure() else { break }
                expr = Expr(.call(expr, [closure], optional: false, chained: chained), expr.span)
            } else {
                break
            }
        }
        return expr
    }

    /// `1!`, `"a"!` and `x!!` unwrap something that cannot be optional: swiftc rejects them, and
    /// so must `folio check` (optionals are flattened at run time, so `!` there would pass).
    private func rejectForceUnwrap(of expr: Expr, at span: Span) throws {
        let type: String
        switch expr.kind {
        case .int: type = "Int"
        case .double: type = "Double"
        case .bool: type = "Bool"
        case .string: type = "String"
        case .forceUnwrap:
            throw ScriptError("cannot force unwrap a value that '!' has already unwrapped", at: span)
        default: return
        }
        throw ScriptError("cannot force unwrap value of non-optional type '\(type)'", at: span)
    }

    /// A trailing closure may follow names and member references (`Sequential { … }`, `xs.map { … }`).
    private func isCallable(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .identifier, .member, .call: return true
        default: return false
        }
    }

    /// A `{ … }` on the same line after a call, as its last argument.
    private mutating func parseTrailingClosure() throws -> Argument? {
        guard check("{") && !current.newlineBefore && !noTrailingClosure else { return nil }
        let closure = try parseClosure()
        return Argument(label: trailingClosureLabel, value: closure, span: closure.span)
    }

    /// `.name` or `.0` after a base expression.
    private mutating func parseMember(of base: Expr, dot: Token, optional: Bool, chained: Bool) throws -> Expr {
        let name = advance()
        if name.kind == .int {
            return Expr(.tupleIndex(base, name.intValue, optional: optional, chained: chained), name.span)
        }
        guard name.kind == .identifier || name.kind == .keyword else {
            throw ScriptError("expected member name following '.', found \(describe(name))", at: name.span)
        }
        return Expr(.member(base, name.text, optional: optional, chained: chained), name.span)
    }

    /// Parses `label: value, value, …` up to the closing bracket.
    mutating func parseArguments(closing: String) throws -> [Argument] {
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        var args: [Argument] = []
        while !check(closing) {
            let start = current.span
            var label: String?
            if (current.kind == .identifier || current.kind == .keyword) && peek().is(":") {
                label = advance().text
                advance()
            }
            let value = try parseExpression()
            args.append(Argument(label: label, value: value, span: label == nil ? value.span : start))
            if !match(",") {
                guard check(closing) else { throw error("expected ',' separator or '\(closing)' in argument list") }
                break
            }
        }
        advance()
        return args
    }
}
