/// Where a token or syntax node sits in a cell: 1-based line and column (in characters) within
/// the cell, and its length in characters on that line (for the caret underline).
struct Span: Equatable, Sendable {
    var line: Int
    var column: Int
    var length: Int

    init(line: Int, column: Int, length: Int) {
        self.line = line
        self.column = column
        self.length = length
    }

    /// The span from the start of `self` to the end of `other` (clamped to one line).
    func through(_ other: Span) -> Span {
        guard other.line == line, other.column >= column else { return self }
        return Span(line: line, column: column, length: other.column + other.length - column)
    }
}

/// A piece of a string literal: literal text or an interpolated expression `\(…)`.
enum StringPart {
    case text(String)
    case code([Token])
}

/// What kind of token the lexer found.
enum TokenKind: Equatable {
    case identifier
    case keyword
    case int
    case double
    case string
    /// Punctuation and operators; the token's `text` says which.
    case punct
    case eof
}

/// One lexical token.
struct Token {
    var kind: TokenKind
    var text: String
    var span: Span
    var intValue: Int = 0
    var doubleValue: Double = 0
    var parts: [StringPart] = []
    /// A line break sits between the previous token and this one.
    var newlineBefore = false
    /// Whitespace (or a line break) sits right before this token.
    var spaceBefore = false
    /// Whitespace (or a line break) sits right after this token.
    var spaceAfter = false

    func `is`(_ punct: String) -> Bool { (kind == .punct || kind == .keyword) && text == punct }
}

let keywords: Set<String> = [
    "let", "var", "func", "return", "if", "else", "for", "in", "while", "repeat", "break",
    "continue", "true", "false", "nil", "where", "guard", "as",
]
