/// Turns cell source into tokens. Works on UTF-8 bytes for speed; columns count characters.
struct Lexer {
    let bytes: [UInt8]
    var pos = 0
    var line = 1
    var column = 1
    /// How many `\(…)` interpolations enclose the current position. Each one recurses into
    /// `lexTokens`, so it is limited like the parser's nesting, before the stack runs out.
    var interpolationDepth = 0
    static let maxInterpolationDepth = 64

    /// `firstLine` is the notebook line of the source's first line, so spans are notebook lines.
    init(_ source: String, firstLine: Int = 1) {
        bytes = Array(source.utf8)
        line = firstLine
    }

    /// Lexes the whole source; the last token is `.eof`.
    mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        try lexTokens(into: &tokens, stopAtCloseParen: false)
        return tokens
    }

    /// The byte `offset` ahead, or 0 past the end.
    func peek(_ offset: Int = 0) -> UInt8 {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : 0
    }

    /// Moves one byte on, keeping line and column (in characters).
    mutating func advance() {
        let b = bytes[pos]
        pos += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    var here: Span { Span(line: line, column: column, length: 1) }

    /// Skips blanks and comments; reports whether a line break (or any space) was crossed.
    mutating func skipTrivia() throws -> (newline: Bool, space: Bool) {
        var newline = false, space = false
        while pos < bytes.count {
            let b = peek()
            if b == UInt8(ascii: "\n") { newline = true; space = true; advance() }
            else if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                space = true; advance()
            }
            else if let crossed = try skipComment() {
                newline = newline || crossed
                space = true
            } else { break }
        }
        return (newline, space)
    }

    /// Skips one `//` or (nested) `/* */` comment at the current position; returns whether it
    /// crossed a line break, or nil if no comment starts here.
    mutating func skipComment() throws -> Bool? {
        guard peek() == UInt8(ascii: "/") else { return nil }
        if peek(1) == UInt8(ascii: "/") {
            while pos < bytes.count && peek() != UInt8(ascii: "\n") { advance() }
            return false
        }
        guard peek(1) == UInt8(ascii: "*") else { return nil }
        let start = here
        advance(); advance()
        var depth = 1, newline = false
        while depth > 0 {
            guard pos < bytes.count else { throw ScriptError("unterminated '/*' comment", at: start) }
            if peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") { depth -= 1; advance(); advance() }
            else if peek() == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") { depth += 1; advance(); advance() }
            else {
                if peek() == UInt8(ascii: "\n") { newline = true }
                advance()
            }
        }
        return newline
    }

    /// Lexes tokens into `tokens`, up to the end, or to the `)` closing an interpolation.
    mutating func lexTokens(into tokens: inout [Token], stopAtCloseParen: Bool) throws {
        var depth = 0
        let firstIndex = tokens.count
        while true {
            let (newline, space) = try skipTrivia()
            if tokens.count > firstIndex { tokens[tokens.count - 1].spaceAfter = space || pos >= bytes.count }
            if pos >= bytes.count {
                if stopAtCloseParen { throw ScriptError("unterminated string interpolation", at: here) }
                var eof = Token(kind: .eof, text: "end of cell", span: here)
                eof.newlineBefore = true
                eof.spaceBefore = true
                tokens.append(eof)
                return
            }
            if stopAtCloseParen && peek() == UInt8(ascii: ")") && depth == 0 {
                advance()
                return
            }
            var token = try lexToken()
            token.newlineBefore = newline || tokens.count == firstIndex
            token.spaceBefore = space || tokens.count == firstIndex
            if token.kind == .punct {
                if token.text == "(" { depth += 1 } else if token.text == ")" { depth -= 1 }
            }
            tokens.append(token)
        }
    }

    private static let punctuators: [String] = [
        "...", "..<", "->", "==", "!=", "<=", ">=", "&&", "||", "??", "+=", "-=", "*=", "/=", "%=",
        "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=", "<", ">", "+", "-", "*", "/",
        "%", "!", "?", "&", "|", "^", "~", "@", "#",
    ].map { $0 }
    private static let punctBytes: [[UInt8]] = punctuators.map { Array($0.utf8) }

    /// One identifier, keyword, number, string or punctuation token.
    mutating func lexToken() throws -> Token {
        let start = here
        let startPos = pos
        let b = peek()
        if isIdentStart(b) || b == UInt8(ascii: "$") {
            advance()
            while pos < bytes.count && isIdentPart(peek()) { advance() }
            let text = String(decoding: bytes[startPos..<pos], as: UTF8.self)
            if text == "$" { throw ScriptError("expected a number after '$' (as in '$0')", at: start) }
            return Token(kind: keywords.contains(text) ? .keyword : .identifier, text: text, span: spanFrom(start))
        }
        if isDigit(b) { return try lexNumber(start) }
        if b == UInt8(ascii: "\"") { return try lexString(start) }
        for (i, p) in Self.punctBytes.enumerated() where matches(p) {
            for _ in p { advance() }
            return Token(kind: .punct, text: Self.punctuators[i], span: spanFrom(start))
        }
        let scalarEnd = nextScalarEnd()
        let text = String(decoding: bytes[pos..<scalarEnd], as: UTF8.self)
        throw ScriptError("unexpected character '\(text)' in source", at: start)
    }

    /// Where the Unicode scalar at the current position ends.
    func nextScalarEnd() -> Int {
        var end = pos + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    /// Whether the bytes at the current position are `p`.
    func matches(_ p: [UInt8]) -> Bool {
        guard pos + p.count <= bytes.count else { return false }
        for (i, c) in p.enumerated() where bytes[pos + i] != c { return false }
        return true
    }

    /// The span from `start` to the current position (one line at most).
    func spanFrom(_ start: Span) -> Span {
        Span(line: start.line, column: start.column, length: line == start.line ? max(1, column - start.column) : 1)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_") || b >= 0x80
    }
    func isIdentPart(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }
}
