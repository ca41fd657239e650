import Foundation
import CCmark

/// CommonMark through libcmark: parsing to a node tree and rendering nodes to HTML.
public enum Markdown {
    /// Renders a Markdown fragment (prose, or a cell's `markdown("…")` output) to HTML.
    /// Raw HTML is replaced by a comment unless `allowRawHTML` is set.
    public static func html(_ markdown: String, allowRawHTML: Bool = false) -> String {
        guard let document = parse(markdown) else { return "" }
        defer { cmark_node_free(document) }
        return render(document, allowRawHTML: allowRawHTML)
    }

    static func parse(_ markdown: String) -> OpaquePointer? {
        markdown.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }
    }

    static func render(_ node: OpaquePointer, allowRawHTML: Bool) -> String {
        let options = CMARK_OPT_SMART | (allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_SAFE)
        guard let html = cmark_render_html(node, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// The plain text of a node's inline content (a heading's words, for the table of contents).
    /// Walks with cmark's own iterator rather than recursing: emphasis can nest as deep as the
    /// input is long (`*` × 400,000), and one Swift frame per level would overflow the stack.
    static func plainText(_ node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator), current != node else {
                continue
            }
            if let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else if cmark_node_get_type(current) == CMARK_NODE_SOFTBREAK {
                text += " "
            }
        }
        return text
    }
}

/// An anchor id from heading text: lower-case words joined by hyphens, as GitHub and Quarto do.
func slug(_ text: String) -> String {
    var result = ""
    for character in text.lowercased() {
        if character.isLetter || character.isNumber {
            result.append(character)
        } else if (character == " " || character == "-" || character == "_"), !result.isEmpty, result.last != "-" {
            result.append("-")
        }
    }
    while result.last == "-" { result.removeLast() }
    return result.isEmpty ? "section" : result
}
