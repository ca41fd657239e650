extension Parser {
    /// A literal, name, implicit member, parenthesised or collection expression, or closure.
    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .int: advance(); return Expr(.int(t.intValue), t.span)
        case .double: advance(); return Expr(.double(t.doubleValue), t.span)
        case .string: advance(); return try parseStringLiteral(t)
        case .identifier:
            advance()
            if t.text.hasPrefix("$"), let n = Int(t.text.dropFirst()) {
                guard !dollarCounts.isEmpty else {
                    throw ScriptError("anonymous closure argument '\(t.text)' not contained in a closure", at: t.span)
                }
                guard n < Parser.maxAnonymousArguments else {
                    throw ScriptError("anonymous closure argument '\(t.text)' is out of range: a closure takes at most "
                                      + "\(Parser.maxAnonymousArguments) ($0…$\(Parser.maxAnonymousArguments - 1))",
                                      at: t.span)
                }
                dollarCounts[dollarCounts.count - 1] = max(dollarCounts[dollarCounts.count - 1], n + 1)
            }
            return Expr(.identifier(t.text), t.span)
        case .keyword:
            switch t.text {
            case "true": advance(); return Expr(.bool(true), t.span)
            case "false": advance(); return Expr(.bool(false), t.span)
            case "nil": advance(); return Expr(.nil, t.span)
            default: throw error("expected expression")
            }
        case .eof: throw error("expected expression")
        case .punct: break
        }
        // An operator used as a function: `xs.reduce(0, +)`, `sorted(by: >)`.
        if ["+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!=", "%"].contains(t.text),
           peek().is(")") || peek().is(",") {
            advance()
            return Expr(.identifier(t.text), t.span)
        }
        switch t.text {
        case "(": return try parseParenthesized()
        case "[": return try parseCollectionLiteral()
        case "{": return try parseClosure()
        case ".":
            advance()
            let name = advance()
            guard name.kind == .identifier || name.kind == .keyword else {
                throw ScriptError("expected member name following '.', found \(describe(name))", at: name.span)
            }
            return Expr(.implicitMember(name.text), t.span.through(name.span))
        default:
            throw error("expected expression")
        }
    }

    /// A string token, its interpolations parsed as expressions.
    private mutating func parseStringLiteral(_ t: Token) throws -> Expr {
        var pieces: [StringPiece] = []
        for part in t.parts {
            switch part {
            case .text(let s): pieces.append(.text(s))
            case .code(let tokens):
                var inner = Parser(tokens: tokens)
                inner.dollarCounts = dollarCounts
                inner.depth = depth
                guard !inner.atEnd else { throw ScriptError("expected expression in string interpolation", at: t.span) }
                let e = try inner.parseExpression()
                guard inner.atEnd else { throw inner.error("expected ')' to end the string interpolation") }
                dollarCounts = inner.dollarCounts
                pieces.append(.expr(e))
            }
        }
        return Expr(.string(pieces), t.span)
    }

    /// `(x)`, a tuple `(a, b)` or `(label: a, …)`, or `()`.
    private mutating func parseParenthesized() throws -> Expr {
        let open = advance()
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        var elements: [Expr] = []
        var labels: [String?] = []
        while !check(")") {
            var label: String?
            if current.kind == .identifier && peek().is(":") {
                label = advance().text
                advance()
            }
            elements.append(try parseExpression())
            labels.append(label)
            if !match(",") {
                guard check(")") else { throw error("expected ',' separator or ')' in tuple") }
                break
            }
        }
        let close = advance()
        if elements.count == 1 && labels[0] == nil { return elements[0] }
        return Expr(.tuple(elements, labels: labels), open.span.through(close.span))
    }

    /// An array `[a, b]` or dictionary `[k: v]` literal (`[:]` empty).
    private mutating func parseCollectionLiteral() throws -> Expr {
        let open = advance()
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        if check(":") && peek().is("]") {
            advance(); advance()
            return Expr(.dictionary([]), open.span)
        }
        var elements: [Expr] = []
        var pairs: [(key: Expr, value: Expr)] = []
        var isDictionary: Bool?
        while !check("]") {
            let first = try parseExpression()
            if match(":") {
                if isDictionary == false { throw error("expected ',' separator in array literal") }
                isDictionary = true
                pairs.append((first, try parseExpression()))
            } else {
                if isDictionary == true { throw error("expected ':' in dictionary literal") }
                isDictionary = false
                elements.append(first)
            }
            if !match(",") {
                guard check("]") else { throw error("expected ',' separator or ']' in collection literal") }
                break
            }
        }
        advance()
        return isDictionary == true ? Expr(.dictionary(pairs), open.span) : Expr(.array(elements), open.span)
    }

    /// `{ params in body }` or `{ body }` with `$0`…
    mutating func parseClosure() throws -> Expr {
        let open = advance()
        try nest()
        defer { depth -= 1 }
        let signature = parseClosureSignature()
        dollarCounts.append(0)
        var body: [Stmt] = []
        let savedTrailing = noTrailingClosure
        noTrailingClosure = false
        skipSemis()
        while !check("}") {
            if atEnd {
                throw ScriptError("expected '}' at end of closure (the '{' is at line \(open.span.line))",
                                  at: current.span)
            }
            body.append(try parseStatement())
            try expectStatementEnd()
        }
        noTrailingClosure = savedTrailing
        advance()
        let dollars = dollarCounts.removeLast()
        if signature != nil && dollars > 0 {
            throw ScriptError("anonymous closure arguments cannot be used inside a closure that has explicit arguments",
                              at: open.span)
        }
        let closure = ClosureExpr(params: signature?.params ?? [], returnType: signature?.returnType, body: body,
                                  dollarCount: dollars, span: open.span)
        return Expr(.closure(closure), open.span)
    }

    /// Tries to read `a, b in`, `(a: Int, b) -> T in` or `_ in`; restores the cursor if absent.
    private mutating func parseClosureSignature() -> (params: [ParamDecl], returnType: TypeExpr?)? {
        let saved = pos
        var params: [ParamDecl] = []
        var returnType: TypeExpr?
        func fail() -> (params: [ParamDecl], returnType: TypeExpr?)? { pos = saved; return nil }
        if match("(") {
            while !check(")") {
                guard current.kind == .identifier else { return fail() }
                let name = advance()
                var type: TypeExpr?
                if match(":") {
                    guard let parsed = try? parseType() else { return fail() }
                    type = parsed
                }
                params.append(ParamDecl(label: nil, name: name.text, type: type, defaultValue: nil, span: name.span))
                if !match(",") { break }
            }
            guard match(")") else { return fail() }
        } else {
            while current.kind == .identifier {
                let name = advance()
                params.append(ParamDecl(label: nil, name: name.text, type: nil, defaultValue: nil, span: name.span))
                if !match(",") { break }
            }
            if params.isEmpty { return fail() }
        }
        if match("->") {
            guard let parsed = try? parseType() else { return fail() }
            returnType = parsed
        }
        guard match("in") else { return fail() }
        return (params, returnType)
    }
}
