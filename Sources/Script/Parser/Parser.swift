/// Recursive-descent parser from tokens to statements. `Parser+Statements`, `Parser+Expressions`
/// and `Parser+Types` hold the grammar; this file has the cursor and error recovery.
struct Parser {
    var tokens: [Token]
    var pos = 0
    /// Stack of `$n` counters, one per closure being parsed.
    var dollarCounts: [Int] = []
    /// Set while parsing an `if`/`while`/`for` header, where `{` starts the body, not a closure.
    var noTrailingClosure = false
    /// Current expression nesting, limited so deeply nested input cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 256
    /// `$0`…`$255`: a closure's anonymous arguments become that many parameters, so the number is bounded.
    static let maxAnonymousArguments = 256

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses source text into statements; throws the first error.
    static func parse(_ source: String, firstLine: Int = 1) throws -> [Stmt] {
        var lexer = Lexer(source, firstLine: firstLine)
        var parser = Parser(tokens: try lexer.tokenize())
        return try parser.parseProgram()
    }

    /// Parses source text, collecting every error it can find by resuming at the next line.
    static func check(_ source: String, firstLine: Int = 1) -> [ScriptError] {
        var lexer = Lexer(source, firstLine: firstLine)
        let tokens: [Token]
        do { tokens = try lexer.tokenize() } catch let e as ScriptError { return [e] } catch { return [] }
        var parser = Parser(tokens: tokens)
        var errors: [ScriptError] = []
        parser.skipSemis()
        while !parser.atEnd {
            let start = parser.pos
            do {
                _ = try parser.parseStatement()
                try parser.expectStatementEnd()
            } catch let e as ScriptError {
                errors.append(e)
                // Resume at the next line (staying put if the error is already at a line start).
                if parser.pos == start || !parser.current.newlineBefore { parser.skipToNextLine() }
                parser.depth = 0
                parser.dollarCounts = []
                parser.noTrailingClosure = false
            } catch {}
        }
        return errors
    }

    /// A whole cell's statements.
    mutating func parseProgram() throws -> [Stmt] {
        var stmts: [Stmt] = []
        skipSemis()
        while !atEnd {
            stmts.append(try parseStatement())
            try expectStatementEnd()
        }
        return stmts
    }

    // MARK: - Cursor

    var current: Token { tokens[pos] }
    var previous: Token { tokens[max(0, pos - 1)] }
    var atEnd: Bool { tokens[pos].kind == .eof }

    /// The token `n` ahead (the end-of-cell token past the end).
    func peek(_ n: Int = 1) -> Token { tokens[min(pos + n, tokens.count - 1)] }

    @discardableResult
    /// Consumes and returns the current token.
    mutating func advance() -> Token {
        let t = tokens[pos]
        if t.kind != .eof { pos += 1 }
        return t
    }

    func check(_ text: String) -> Bool { current.is(text) }

    /// Consumes the current token if it is `text`.
    mutating func match(_ text: String) -> Bool {
        if check(text) { advance(); return true }
        return false
    }

    @discardableResult
    /// Consumes `text` or fails with "expected '…' <context>".
    mutating func expect(_ text: String, _ context: String) throws -> Token {
        guard check(text) else { throw error("expected '\(text)' \(context)") }
        return advance()
    }

    /// Consumes a name or fails, naming `what` was expected.
    mutating func expectIdentifier(_ what: String) throws -> Token {
        guard current.kind == .identifier else { throw error("expected \(what)") }
        return advance()
    }

    /// An error at the current token, naming what was found.
    /// An error at the current token, naming what was found. When that token starts a new
    /// line, the error points just after the previous token, where something is missing.
    func error(_ message: String) -> ScriptError {
        if current.newlineBefore && pos > 0 {
            let p = previous.span
            return ScriptError(message + ", found \(current.kind == .eof ? "end of cell" : "end of line")",
                               at: Span(line: p.line, column: p.column + p.length, length: 1))
        }
        return ScriptError(message + ", found \(describe(current))", at: current.span)
    }

    /// A token as error messages quote it.
    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of cell"
        case .string: return "a string literal"
        case .int, .double: return "'\(t.text)'"
        default: return "'\(t.text)'"
        }
    }

    /// Skips `;` separators between statements.
    mutating func skipSemis() {
        while check(";") { advance() }
    }

    /// After a statement: a line break, `;`, `}` or the end must follow.
    mutating func expectStatementEnd() throws {
        if match(";") { skipSemis(); return }
        if current.newlineBefore || check("}") || current.kind == .eof { return }
        throw ScriptError("consecutive statements on a line must be separated by ';'", at: current.span)
    }

    /// After a syntax error, resumes at the next line (`check` reports every error).
    mutating func skipToNextLine() {
        advance()
        while current.kind != .eof && !current.newlineBefore { advance() }
    }

    /// Enters one level of nesting; on failure the level is not entered, so a caller that
    /// recovers (`try?`) keeps the count balanced.
    mutating func nest() throws {
        depth += 1
        if depth > Parser.maxDepth {
            depth -= 1
            throw ScriptError("expression is nested too deeply (more than \(Parser.maxDepth) levels)", at: current.span)
        }
    }
}
