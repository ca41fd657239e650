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
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            if let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else if cmark_node_get_type(current) == CMARK_NODE_SOFTBREAK {
                text += " "
            } else {
                text += plainText(current)
            }
            child = cmark_node_next(current)
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
