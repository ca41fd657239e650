import CCmark
import Foundation

/// An expression written in prose as `` `{swift} expression` `` (Quarto writes `` `{python} x` ``):
/// it runs after the cells above it, and the report shows its value in its place, so a number in
/// a sentence is never out of date.
public struct InlineExpression: Sendable, Equatable {
    /// Its number in the whole document, from 0: the index of its value in the run.
    public var index: Int
    /// The expression's code, without the `{swift}` marker.
    public var source: String
    /// Its place in the notebook, for errors: the line, and the column its first character is in.
    public var line: Int
    public var column: Int
    /// The whole prose line, shown under an error with a caret.
    public var lineText: String

    /// What the report's prose holds where the value of the document's expression `index` goes.
    public static func placeholder(_ index: Int) -> String { "<!--folio-inline-value \(index)-->" }
}

/// Finds `{swift}` code spans in a block of prose and stands a token in for each, so the HTML that
/// cmark renders has a placeholder exactly where each value goes.
struct InlineExpressionFinder {
    static let marker = "{swift}"
    /// Unique to this parse: a token that prose cannot contain by chance.
    private let token = "folio-inline-" + UUID().uuidString + "-"

    /// The expressions inside `node` (a top-level block; `lines` are the notebook's body lines, which
    /// cmark numbers from 1, and `lineOffset` turns those into notebook lines), numbered from
    /// `firstIndex`; their code spans now hold tokens.
    func take(from node: OpaquePointer, lines: [Substring], lineOffset: Int,
              firstIndex: Int) -> [InlineExpression] {
        var spans: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(node) else { return [] }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator),
                  cmark_node_get_type(current) == CMARK_NODE_CODE,
                  let literal = cmark_node_get_literal(current),
                  String(cString: literal).hasPrefix(Self.marker) else { continue }
            spans.append(current)
        }
        cmark_iter_free(iterator)
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        let places = Self.places(in: lines, from: start, to: end)
        return spans.enumerated().map { offset, span in
            let code = String(cString: cmark_node_get_literal(span))
            let source = code.dropFirst(Self.marker.count).trimmingCharacters(in: .whitespaces)
            _ = cmark_node_set_literal(span, token + String(firstIndex + offset))
            // Where the scan of the source found the span; the block's first line if it could not.
            let place = offset < places.count ? places[offset] : (line: start, column: 1)
            let text = place.line - 1 < lines.count ? String(lines[place.line - 1]) : ""
            return InlineExpression(index: firstIndex + offset, source: source, line: place.line + lineOffset,
                                    column: place.column, lineText: text)
        }
    }

    /// The HTML with each token's code element replaced by the expression's placeholder.
    func placeholders(in html: String, indices: Range<Int>) -> String {
        var html = html
        for index in indices {
            html = html.replacingOccurrences(of: "<code>\(token)\(index)</code>",
                                             with: InlineExpression.placeholder(index))
        }
        return html
    }

    /// The body line and column of each expression's first character, for each `` `{swift} ``
    /// (one or more backticks) between lines `start` and `end`.
    static func places(in lines: [Substring], from start: Int, to end: Int) -> [(line: Int, column: Int)] {
        var places: [(line: Int, column: Int)] = []
        guard start >= 1, start <= end else { return places }
        for number in start...min(end, lines.count) {
            let characters = Array(lines[number - 1])
            var i = 0
            while i < characters.count {
                guard characters[i] == "`" else { i += 1; continue }
                var j = i
                while j < characters.count, characters[j] == "`" { j += 1 }
                let rest = String(characters[j...])
                if rest.hasPrefix(marker) {
                    var k = j + marker.count
                    while k < characters.count, characters[k] == " " { k += 1 }
                    places.append((line: number, column: k + 1))
                }
                i = j
            }
        }
        return places
    }
}
