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

extension InlineExpressionFinder {
    /// Body lines `from...end` (1-based) as Markdown pieces, each `{swift}` code span becoming the piece of
    /// its expression, numbered from `firstIndex`. Were the scan to find other than the `count` spans cmark
    /// found (backticks in an HTML block, say), the text stays whole: a value is never put in the wrong place.
    static func pieces(in lines: [Substring], from: Int, through end: Int, firstIndex: Int,
                       count: Int) -> [ProsePiece] {
        let last = min(end, lines.count)
        guard from >= 1, from <= last else { return [] }
        let text = Array(lines[(from - 1)..<last].joined(separator: "\n"))
        let spans = codeSpans(in: text).filter { span in
            // CommonMark strips one space from each end of a code span's content.
            let content = String(text[span.content])
            return content.hasPrefix(marker) || (content.hasPrefix(" ") && content.dropFirst().hasPrefix(marker))
        }
        guard spans.count == count, count > 0 else { return [.text(String(text))] }
        var pieces: [ProsePiece] = []
        var at = 0
        for (offset, span) in spans.enumerated() {
            if span.whole.lowerBound > at { pieces.append(.text(String(text[at..<span.whole.lowerBound]))) }
            pieces.append(.inlineValue(firstIndex + offset))
            at = span.whole.upperBound
        }
        if at < text.count { pieces.append(.text(String(text[at...]))) }
        return pieces
    }

    /// Every code span: a run of backticks closed by the next run of the same length (an unclosed run
    /// is literal backticks), with its content; a backslash-escaped backtick opens nothing.
    private static func codeSpans(in text: [Character]) -> [(whole: Range<Int>, content: Range<Int>)] {
        var spans: [(whole: Range<Int>, content: Range<Int>)] = []
        func runEnd(_ start: Int) -> Int {
            var end = start
            while end < text.count, text[end] == "`" { end += 1 }
            return end
        }
        var i = 0
        while i < text.count {
            if text[i] == "\\" { i += 2; continue }
            guard text[i] == "`" else { i += 1; continue }
            let open = runEnd(i)
            var k = open
            var close: Int?
            while k < text.count {
                guard text[k] == "`" else { k += 1; continue }
                let end = runEnd(k)
                if end - k == open - i { close = k; break }
                k = end
            }
            guard let close else { i = open; continue }
            let end = close + (open - i)
            spans.append((whole: i..<end, content: open..<close))
            i = end
        }
        return spans
    }
}
