extension Lexer {
    /// Lexes `"…"` or `"""…"""` with escapes and `\(…)` interpolations.
    mutating func lexString(_ start: Span) throws -> Token {
        let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        advance()
        if multiline { advance(); advance() }
        var parts: [LiteralPiece] = []
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
                    flush()
                    parts.append(.continuation) // a backslash at line end joins lines
                case UInt8(ascii: " ") where multiline && restOfLineIsBlank(),
                     UInt8(ascii: "\t") where multiline && restOfLineIsBlank():
                    // Swift allows blanks between the joining backslash and the line end.
                    while peek() != UInt8(ascii: "\n") { advance() }
                    advance()
                    flush()
                    parts.append(.continuation)
                default:
                    throw ScriptError("invalid escape sequence in literal", at: escapeStart)
                }
                continue
            }
            if b == UInt8(ascii: "\n") {
                flush()
                parts.append(.lineBreak)
            } else {
                text.append(b)
            }
            advance()
        }
        flush()
        var token = Token(kind: .string, text: "string",
                          span: Span(line: start.line, column: start.column,
                                     length: line == start.line ? column - start.column : 1))
        token.parts = multiline ? Self.trimMultiline(parts) : parts.compactMap(\.part)
        return token
    }

    /// Whether only spaces and tabs remain before the next line break (or the end).
    func restOfLineIsBlank() -> Bool {
        var i = pos
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "\n")
    }

    /// Applies Swift's multi-line literal rules: drop the line break after the opening `"""` and
    /// the last one before the closing `"""`, strip the closing delimiter's indentation from every
    /// source line, and only then join the lines that end in `\` (so a continued line loses its
    /// indentation too, as in Swift).
    static func trimMultiline(_ pieces: [LiteralPiece]) -> [StringPart] {
        var pieces = pieces
        if case .lineBreak? = pieces.first { pieces.removeFirst() }
        var indent = ""
        if let lastBreak = pieces.lastIndex(where: \.isBreak) {
            let tail = pieces[(lastBreak + 1)...]
            let blanks = tail.compactMap { piece -> String? in
                if case .text(let t) = piece, t.allSatisfy({ $0 == " " || $0 == "\t" }) { return t }
                return nil
            }
            if blanks.count == tail.count {
                indent = blanks.joined()
                pieces.removeSubrange(lastBreak...)
            }
        }
        var parts: [StringPart] = []
        var atLineStart = true
        for piece in pieces {
            switch piece {
            case .lineBreak, .continuation:
                if case .lineBreak = piece { append("\n", to: &parts) }
                atLineStart = true
            case .text(var t):
                if atLineStart {
                    // A blank line may be shorter than the indentation; it then becomes empty.
                    let blank = t.prefix { $0 == " " || $0 == "\t" }
                    if t.hasPrefix(indent) { t.removeFirst(indent.count) } else if blank.count == t.count { t = "" }
                }
                append(t, to: &parts)
                atLineStart = false
            case .code(let tokens):
                parts.append(.code(tokens))
                atLineStart = false
            }
        }
        return parts
    }

    /// Appends text, merging it into a text part just before.
    private static func append(_ text: String, to parts: inout [StringPart]) {
        guard !text.isEmpty else { return }
        if case .text(let before)? = parts.last { parts[parts.count - 1] = .text(before + text) } else {
            parts.append(.text(text))
        }
    }
}

/// A piece of a string literal as lexed. Source line breaks are kept apart from `\n` escapes:
/// only they start lines whose indentation a multi-line literal strips.
enum LiteralPiece {
    case text(String)
    case code([Token])
    case lineBreak
    /// A `\` at the end of a line: the line joins the next one.
    case continuation

    var isBreak: Bool {
        switch self {
        case .lineBreak, .continuation: return true
        default: return false
        }
    }

    /// The piece of a one-line literal, which has no line breaks.
    var part: StringPart? {
        switch self {
        case .text(let t): return .text(t)
        case .code(let tokens): return .code(tokens)
        default: return nil
        }
    }
}
