extension Parser {
    /// One statement; unsupported Swift constructs get an error that says so.
    mutating func parseStatement() throws -> Stmt {
        let start = current.span
        if current.kind == .keyword {
            switch current.text {
            case "let", "var": return try parseDeclaration()
            case "func": return try parseFunction()
            case "if": return try parseIf()
            case "guard": return try parseGuard()
            case "for": return try parseFor()
            case "while":
                advance()
                let conditions = try parseConditions()
                let body = try parseBlock("after 'while' condition")
                return Stmt(.while(conditions: conditions, body: body), start)
            case "repeat":
                advance()
                let body = try parseBlock("after 'repeat'")
                try expect("while", "after 'repeat' body")
                let condition = try parseExpression()
                return Stmt(.repeatWhile(body: body, condition: condition), start)
            case "break": advance(); return Stmt(.break, start)
            case "continue": advance(); return Stmt(.continue, start)
            case "return":
                advance()
                if current.newlineBefore || check("}") || check(";") || current.kind == .eof {
                    return Stmt(.return(nil), start)
                }
                return Stmt(.return(try parseExpression()), start)
            default: break
            }
        }
        if current.kind == .identifier && (peek().kind == .identifier || peek().is("{")) && !peek().newlineBefore {
            switch current.text {
            case "import":
                // `import Foundation` is harmless in a cell: everything is already available.
                advance()
                advance()
                return Stmt(.block([]), start)
            case "struct", "class", "enum", "protocol", "extension", "actor", "typealias":
                throw ScriptError("'\(current.text)' is not supported in notebook cells; use functions, tuples, "
                                  + "arrays and dictionaries", at: current.span)
            default: break
            }
        }
        if current.kind == .identifier, let stmt = try parseSwitchStatement() { return stmt }
        if current.kind == .identifier && current.text == "do" && peek().is("{") {
            advance()
            return Stmt(.block(try parseBlock("after 'do'")), start)
        }
        let expr = try parseExpression()
        if current.kind == .punct, ["=", "+=", "-=", "*=", "/=", "%="].contains(current.text) {
            let opToken = advance()
            let op: String? = opToken.text == "=" ? nil : String(opToken.text.dropLast())
            let value = try parseExpression()
            return Stmt(.assign(target: expr, op: op, value: value), expr.span)
        }
        return Stmt(.expr(expr), expr.span)
    }

    /// `{ statements }`; `context` names the construct in errors.
    mutating func parseBlock(_ context: String) throws -> [Stmt] {
        guard check("{") else { throw error("expected '{' \(context)") }
        try nest()
        defer { depth -= 1 }
        let open = advance()
        var body: [Stmt] = []
        skipSemis()
        while !check("}") {
            if atEnd {
                throw ScriptError("expected '}' at end of brace statement (the '{' is at line \(open.span.line))",
                                  at: current.span)
            }
            body.append(try parseStatement())
            try expectStatementEnd()
        }
        advance()
        return body
    }

    /// A binding pattern: a name, `_`, or a tuple of patterns.
    mutating func parsePattern() throws -> Pattern {
        try nest()
        defer { depth -= 1 }
        if match("(") {
            var items: [Pattern] = []
            repeat {
                if check(")") { break }
                items.append(try parsePattern())
            } while match(",")
            try expect(")", "to close the tuple pattern")
            return .tuple(items)
        }
        let name = try expectIdentifier("a name to bind (a pattern)")
        return name.text == "_" ? .wildcard : .name(name.text, name.span)
    }

    /// `let`/`var pattern: Type = value`, or several comma-separated bindings (`var a = 0, b = 0`),
    /// which declare in order in the enclosing scope, as Swift does.
    mutating func parseDeclaration() throws -> Stmt {
        let keyword = advance()
        var bindings: [Stmt] = []
        repeat {
            // The first binding's errors point at the keyword (as before); later ones at their own pattern.
            let at = bindings.isEmpty ? keyword.span : current.span
            let pattern = try parsePattern()
            var type: TypeExpr?
            if match(":") { type = try parseType() }
            var value: Expr?
            if match("=") { value = try parseExpression() }
            if value == nil && type == nil {
                throw ScriptError("type annotation missing in pattern", at: at)
            }
            bindings.append(Stmt(.declaration(isLet: keyword.text == "let", pattern: pattern, type: type,
                                              value: value), at))
        } while match(",")
        return bindings.count == 1 ? bindings[0] : Stmt(.sequence(bindings), keyword.span)
    }

    /// `func name(params) -> Type { body }`.
    mutating func parseFunction() throws -> Stmt {
        let start = advance().span
        let name = try expectIdentifier("an identifier in function declaration")
        try expect("(", "in parameter list of '\(name.text)'")
        var params: [ParamDecl] = []
        while !check(")") {
            let first = advance()
            guard first.kind == .identifier || first.kind == .keyword else {
                throw ScriptError("expected parameter name, found \(describe(first))", at: first.span)
            }
            var label: String? = first.text == "_" ? nil : first.text
            var nameToken = first
            if current.kind == .identifier { nameToken = advance() } else if first.text == "_" {
                throw error("expected parameter name after '_'")
            }
            if nameToken.text == first.text && first.text != "_" { label = first.text }
            try expect(":", "after parameter name (every parameter needs a type)")
            let type = try parseType()
            var defaultValue: Expr?
            if match("=") { defaultValue = try parseExpression() }
            params.append(ParamDecl(label: label, name: nameToken.text, type: type, defaultValue: defaultValue,
                                    span: first.span))
            if !match(",") { break }
        }
        try expect(")", "to close the parameter list")
        var returnType: TypeExpr?
        if match("->") { returnType = try parseType() }
        let body = try parseBlock("to start the body of function '\(name.text)'")
        return Stmt(.function(FuncDecl(name: name.text, params: params, returnType: returnType, body: body,
                                       span: name.span)), start)
    }
}
