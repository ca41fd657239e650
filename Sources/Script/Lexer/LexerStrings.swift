extension Lexer {
    /// Lexes `"…"` or `"""…"""` with escapes and `\(…)` interpolations.
    mutating func lexString(_ start: Span) throws -> Token {
        let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        advance()
        if multiline { advance(); advance() }
        var parts: [StringPart] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text = []
        }
        while true {
            guard pos < bytes.count else { throw ScriptError("unterminated string literal", at: start) }
            let b = peek()
            if b == UInt8(ascii: "\n") && !multiline { throw ScriptError("unterminated string literal", at: start) }
            if b == UInt8(ascii: "\"") {
                if !multiline { advance(); break }
                if peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"") {
                    advance(); advance(); advance()
                    break
                }
            }
            if b == UInt8(ascii: "\\") {
                let escapeStart = here
                advance()
                let e = peek()
                guard pos < bytes.count else { throw ScriptError("unterminated string literal", at: start) }
                advance()
                switch e {
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "0"): text.append(0)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"): text.append(e)
                case UInt8(ascii: "u"):
                    guard peek() == UInt8(ascii: "{") else {
                        throw ScriptError("expected '{' in \\u{...} escape sequence", at: escapeStart)
                    }
                    advance()
                    var hex = ""
                    while pos < bytes.count && peek() != UInt8(ascii: "}") && hex.count < 9 {
                        hex.append(Character(UnicodeScalar(peek()))); advance()
                    }
                    guard peek() == UInt8(ascii: "}"), let v = UInt32(hex, radix: 16),
                          let scalar = UnicodeScalar(v) else {
                        throw ScriptError("invalid unicode scalar in \\u{...} escape", at: escapeStart)
                    }
                    advance()
                    text.append(contentsOf: Array(String(Character(scalar)).utf8))
                case UInt8(ascii: "("):
                    flush()
                    guard interpolationDepth < Lexer.maxInterpolationDepth else {
                        throw ScriptError("string interpolation nested more than \(Lexer.maxInterpolationDepth) deep",
                                          at: escapeStart)
                    }
                    interpolationDepth += 1
                    defer { interpolationDepth -= 1 }
                    var inner: [Token] = []
                    try lexTokens(into: &inner, stopAtCloseParen: true)
                    var eof = Token(kind: .eof, text: "')'", span: here)
                    eof.newlineBefore = true
                    inner.append(eof)
                    parts.append(.code(inner))
                case UInt8(ascii: "\n") where multiline:
                    break // a backslash at line end joins lines
                default:
                    throw ScriptError("invalid escape sequence in literal", at: escapeStart)
                }
                continue
            }
            text.append(b)
            advance()
        }
        flush()
        if multiline { parts = Self.trimMultiline(parts) }
        var token = Token(kind: .string, text: "string",
                          span: Span(line: start.line, column: start.column,
                                     length: line == start.line ? column - start.column : 1))
        token.parts = parts
        return token
    }

    /// Applies Swift's multi-line literal rules: drop the line break after the opening `"""`
    /// and before the closing one, and strip the closing delimiter's indentation from each line.
    static func trimMultiline(_ parts: [StringPart]) -> [StringPart] {
        var parts = parts
        var indent = ""
        if case .text(var last)? = parts.last {
            if let nl = last.lastIndex(of: "\n") {
                let tail = last[last.index(after: nl)...]
                if tail.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    indent = String(tail)
                    last = String(last[..<nl])
                    parts[parts.count - 1] = .text(last)
                }
            }
        }
        if case .text(let first)? = parts.first, first.hasPrefix("\n") {
            parts[0] = .text(String(first.dropFirst()))
        }
        guard !indent.isEmpty else { return parts }
        var atLineStart = true
        for i in parts.indices {
            guard case .text(let t) = parts[i] else { atLineStart = false; continue }
            var lines = t.components(separatedBy: "\n")
            for j in lines.indices where j > 0 || atLineStart {
                if lines[j].hasPrefix(indent) { lines[j] = String(lines[j].dropFirst(indent.count)) }
            }
            parts[i] = .text(lines.joined(separator: "\n"))
            atLineStart = t.hasSuffix("\n")
        }
        return parts
    }
}
