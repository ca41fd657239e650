import CellOutput
import Script

/// Marks up cell source for the report: keywords, types, numbers, strings, comments and implicit
/// members get a `<span class>` (the stylesheet's `.k`, `.t`, `.n`, `.s`, `.c`, `.m`); everything
/// is escaped. The pieces come from the cell language's own lexer (`Highlight.all(in:)`), which
/// never fails, so code that does not lex still shows, every character once.
enum SwiftHighlighter {
    /// The source, escaped, with each highlighted piece wrapped in its `<span class>`.
    static func html(_ source: String) -> String {
        let bytes = Array(source.utf8)
        func text(_ range: Range<Int>) -> String { escapeMarkup(String(decoding: bytes[range], as: UTF8.self)) }
        var out = ""
        var at = 0
        for piece in Highlight.all(in: source) {
            out += text(at..<piece.bytes.lowerBound)
            out += "<span class=\"\(cssClass(piece.kind))\">" + text(piece.bytes) + "</span>"
            at = piece.bytes.upperBound
        }
        return out + text(at..<bytes.count)
    }

    /// The stylesheet's class for each kind of piece.
    private static func cssClass(_ kind: HighlightKind) -> String {
        switch kind {
        case .keyword: return "k"
        case .type: return "t"
        case .number: return "n"
        case .string: return "s"
        case .comment: return "c"
        case .implicitMember: return "m"
        }
    }
}
