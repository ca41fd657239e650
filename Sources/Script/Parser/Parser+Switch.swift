/// `switch value { case pattern, pattern where condition: … default: … }`.
///
/// `switch`, `case`, `default` and `fallthrough` stay identifiers to the lexer: `default` is also
/// an argument label (`counts[w, default: 0]`), so the parser recognizes them where they start a
/// statement or a case label.
extension Parser {
    /// Whether the current token starts a `case …:` or `default:` label.
    var atCaseLabel: Bool {
        current.kind == .identifier && (current.text == "case" || current.text == "default" && peek().is(":"))
    }

    /// `switch …`, `fallthrough`, or an error for a case label outside a switch; nil for other statements.
    mutating func parseSwitchStatement() throws -> Stmt? {
        switch current.text {
        case "switch" where !peek().newlineBefore && !peek().is("="):
            return try parseSwitch()
        case "fallthrough":
            return Stmt(.fallthrough, advance().span)
        case "case", "default":
            guard atCaseLabel else { return nil }
            throw ScriptError("'\(current.text)' label can only appear inside a 'switch' statement", at: current.span)
        default:
            return nil
        }
    }

    /// `switch subject { cases }`.
    mutating func parseSwitch() throws -> Stmt {
        let start = advance().span
        let saved = noTrailingClosure
        noTrailingClosure = true
        let subject = try parseExpression()
        noTrailingClosure = saved
        guard check("{") else { throw error("expected '{' after 'switch' subject expression") }
        try nest()
        defer { depth -= 1 }
        let open = advance()
        var cases: [SwitchCase] = []
        skipSemis()
        while !check("}") {
            if atEnd {
                throw ScriptError("expected '}' at end of 'switch' statement (the '{' is at line \(open.span.line))",
                                  at: current.span)
            }
            guard atCaseLabel else {
                throw ScriptError("all statements inside a switch must be covered by a 'case' or 'default'",
                                  at: current.span)
            }
            if cases.last?.isDefault == true {
                throw ScriptError("additional 'case' blocks cannot appear after the 'default' block of a 'switch'",
                                  at: current.span)
            }
            cases.append(try parseCase())
        }
        advance()
        if cases.isEmpty {
            throw ScriptError("'switch' statement body must have at least one 'case' or 'default' block; "
                              + "add a default case", at: start)
        }
        return Stmt(.switch(subject: subject, cases: cases), start)
    }

    /// One `case …:` or `default:` label and the statements up to the next label.
    private mutating func parseCase() throws -> SwitchCase {
        let label = advance()
        var items: [CaseItem] = []
        if label.text == "case" {
            repeat {
                let pattern = try parseCasePattern(binding: nil)
                var filter: Expr?
                if match("where") { filter = try parseExpression() }
                items.append(CaseItem(pattern: pattern, filter: filter))
            } while match(",")
        }
        try expect(":", "after '\(label.text)' label")
        var body: [Stmt] = []
        skipSemis()
        while !check("}") && !atCaseLabel && !atEnd {
            body.append(try parseStatement())
            try expectStatementEnd()
        }
        if body.isEmpty {
            throw ScriptError("'\(label.text)' label in a 'switch' must have at least one executable statement; "
                              + "write 'break' to do nothing", at: label.span)
        }
        return SwitchCase(items: items, body: body, span: label.span)
    }

    /// A case pattern; `binding` is whether names bind as `let` (true) or `var` (false), nil
    /// outside `let`/`var`, where a name is a value to compare with.
    private mutating func parseCasePattern(binding: Bool?) throws -> CasePattern {
        try nest()
        defer { depth -= 1 }
        if binding == nil && (check("let") || check("var")) {
            return try parseCasePattern(binding: advance().text == "let")
        }
        if check("(") {
            let open = advance()
            var items: [CasePattern] = []
            var trailingComma = false
            repeat {
                if check(")") { trailingComma = true; break }
                items.append(try parseCasePattern(binding: binding))
            } while match(",")
            try expect(")", "to close the tuple pattern")
            // `(p)` is just `p` in parentheses, as in Swift.
            return items.count == 1 && !trailingComma ? items[0] : .tuple(items, span: open.span)
        }
        if current.kind == .identifier && current.text == "_" {
            advance()
            return .wildcard
        }
        if let isLet = binding, current.kind == .identifier {
            let name = advance()
            return .binding(name: name.text, span: name.span, isLet: isLet)
        }
        return try parseValueOrRangePattern()
    }

    /// A value, or a range written with `..<`/`...` (parsed here so a bound may be missing).
    private mutating func parseValueOrRangePattern() throws -> CasePattern {
        // Bounds bind tighter than the range operators (precedence 6), as in an expression.
        let boundPrecedence = 7
        if check("..<") || check("...") {
            let op = advance()
            let upper = try parseBinary(minPrecedence: boundPrecedence)
            return .range(lower: nil, upper: upper, closed: op.text == "...", span: op.span)
        }
        let lower = try parseBinary(minPrecedence: boundPrecedence)
        guard check("..<") || check("...") else { return .value(lower) }
        let op = advance()
        if check(":") || check(",") || check(")") || check("where") {
            guard op.text == "..." else { throw ScriptError("'..<' needs an upper bound; write 'a...' for 'a or more'",
                                                            at: op.span) }
            return .range(lower: lower, upper: nil, closed: true, span: op.span)
        }
        let upper = try parseBinary(minPrecedence: boundPrecedence)
        return .range(lower: lower, upper: upper, closed: op.text == "...", span: op.span)
    }
}
