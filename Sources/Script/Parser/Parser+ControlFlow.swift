/// `if`, `guard` and `for` statements and their conditions.
extension Parser {
    /// The comma-separated conditions of `if`/`guard`/`while`, `let x = …` bindings included.
    mutating func parseConditions() throws -> [Condition] {
        let saved = noTrailingClosure
        noTrailingClosure = true
        defer { noTrailingClosure = saved }
        var conditions: [Condition] = []
        repeat {
            if check("let") || check("var") {
                let isLet = advance().text == "let"
                let name = try expectIdentifier("a name after '\(isLet ? "let" : "var")'")
                let value: Expr
                if match("=") { value = try parseExpression() } else {
                    value = Expr(.identifier(name.text), name.span)
                }
                conditions.append(.optionalBinding(isLet: isLet, name: name.text, nameSpan: name.span, value: value))
            } else {
                conditions.append(.expr(try parseExpression()))
            }
        } while match(",")
        return conditions
    }

    /// `if … { } else if … { } else { }`.
    mutating func parseIf() throws -> Stmt {
        let start = advance().span
        var branches: [(conditions: [Condition], body: [Stmt])] = []
        branches.append((try parseConditions(), try parseBlock("after 'if' condition")))
        var otherwise: [Stmt]?
        while match("else") {
            if match("if") {
                branches.append((try parseConditions(), try parseBlock("after 'if' condition")))
            } else {
                otherwise = try parseBlock("after 'else'")
                break
            }
        }
        return Stmt(.if(branches: branches, otherwise: otherwise), start)
    }

    /// `guard conditions else { … }`.
    mutating func parseGuard() throws -> Stmt {
        let start = advance().span
        let conditions = try parseConditions()
        try expect("else", "after 'guard' condition")
        let body = try parseBlock("after 'else'")
        return Stmt(.guard(conditions: conditions, otherwise: body), start)
    }

    /// `for pattern in sequence where filter { … }`.
    mutating func parseFor() throws -> Stmt {
        let start = advance().span
        let pattern = try parsePattern()
        try expect("in", "after the loop variable of 'for'")
        let saved = noTrailingClosure
        noTrailingClosure = true
        let sequence = try parseExpression()
        var filter: Expr?
        if match("where") { filter = try parseExpression() }
        noTrailingClosure = saved
        let body = try parseBlock("to start the body of the 'for' loop")
        return Stmt(.forIn(pattern: pattern, sequence: sequence, filter: filter, body: body), start)
    }
}
