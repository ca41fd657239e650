/// How a report colours a piece of cell source.
public enum HighlightKind: Sendable {
    case keyword, type, number, string, comment
    /// An implicit member such as `.relu`.
    case implicitMember
}

/// A coloured piece of cell source: a range of its UTF-8 bytes (always whole characters' scalars).
public struct Highlight: Equatable, Sendable {
    public let bytes: Range<Int>
    public let kind: HighlightKind
}

extension Highlight {
    /// The pieces of `source` a report colours, in order and without overlap, found by the
    /// language's own lexer. Never fails: where the code does not lex (an unterminated string, a
    /// stray character) the rest of the line is a string, or the character is left plain.
    public static func all(in source: String) -> [Highlight] {
        var lexer = Lexer(source)
        var out: [Highlight] = []
        var previous: [Token] = []  // the last two tokens, for implicit members
        while lexer.pos < lexer.bytes.count {
            let start = lexer.pos
            let b = lexer.peek()
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n") {
                lexer.advance()
                continue
            }
            var attempt = lexer
            // A comment was skipped when the result is not nil (its value says whether it spanned lines).
            if (try? attempt.skipComment()) != nil {
                lexer = attempt
                out.append(Highlight(bytes: start..<lexer.pos, kind: .comment))
                continue
            }
            if b == UInt8(ascii: "/") && lexer.peek(1) == UInt8(ascii: "*") {
                lexer.pos = lexer.bytes.count  // an unterminated block comment runs to the end
                out.append(Highlight(bytes: start..<lexer.pos, kind: .comment))
                continue
            }
            guard let token = try? attempt.lexToken() else {
                if b == UInt8(ascii: "\"") {
                    while lexer.pos < lexer.bytes.count && lexer.peek() != UInt8(ascii: "\n") { lexer.advance() }
                    out.append(Highlight(bytes: start..<lexer.pos, kind: .string))
                } else {
                    lexer.pos = lexer.nextScalarEnd()
                }
                previous = []
                continue
            }
            lexer = attempt
            if let kind = kind(of: token, after: previous) {
                out.append(Highlight(bytes: start..<lexer.pos, kind: kind))
            }
            previous = Array((previous + [token]).suffix(2))
        }
        return out
    }

    /// Words the parser reads as keywords where a statement or case label starts (see `Parser+Switch`).
    private static let contextualKeywords: Set<String> = ["switch", "case", "default", "fallthrough"]

    /// A token's colour, if any; an identifier after a `.` that follows no value is an implicit member.
    private static func kind(of token: Token, after previous: [Token]) -> HighlightKind? {
        switch token.kind {
        case .keyword: return .keyword
        case .int, .double: return .number
        case .string: return .string
        case .identifier:
            if contextualKeywords.contains(token.text) { return .keyword }
            if token.text.first?.isUppercase == true { return .type }
            // `.relu` after `(`, `,`, `=`, …, not `x.count` or `f().count`.
            guard let dot = previous.last, dot.is(".") else { return nil }
            guard previous.count == 2 else { return .implicitMember }
            let before = previous[0]
            let endsValue = before.kind == .identifier && !contextualKeywords.contains(before.text)
                || before.kind == .int || before.kind == .double || before.kind == .string
                || [")", "]", "?", "!"].contains(before.text) && before.kind == .punct
            return endsValue ? nil : .implicitMember
        case .punct, .eof: return nil
        }
    }
}
