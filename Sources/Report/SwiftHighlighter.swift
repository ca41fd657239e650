import CellOutput
/// Marks up cell source for the report: keywords, types, numbers, strings, comments and implicit
/// members get a `<span class>`; everything is escaped. A display-only scanner, deliberately
/// forgiving: it never fails, whatever the text (the language's own lexer reports errors).
enum SwiftHighlighter {
    static let keywords: Set<String> = [
        "let", "var", "func", "return", "if", "else", "for", "in", "while", "repeat", "break", "continue",
        "true", "false", "nil", "guard", "switch", "case", "default", "where", "struct", "class", "enum",
        "import", "inout", "throws", "try", "defer", "self", "Self", "as", "is",
    ]

    static func html(_ source: String) -> String {
        let chars = Array(source)
        var out = ""
        var i = 0
        func span(_ kind: String, _ start: Int, _ end: Int) {
            out += "<span class=\"\(kind)\">" + escapeMarkup(String(chars[start..<end])) + "</span>"
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            let start = i
            if c == "/" && next == "/" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                span("c", start, i)
            } else if c == "/" && next == "*" {
                i += 2
                while i < chars.count, !(chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/") { i += 1 }
                i = min(chars.count, i + 2)
                span("c", start, i)
            } else if c == "\"" {
                i += 1
                while i < chars.count, chars[i] != "\"", chars[i] != "\n" {
                    i += chars[i] == "\\" ? 2 : 1
                }
                i = min(chars.count, i + 1)
                span("s", start, i)
            } else if c.isNumber {
                while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "_" || chars[i] == "e" { i += 1 }
                span("n", start, i)
            } else if c.isLetter || c == "_" || c == "$" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "$" { i += 1 }
                let word = String(chars[start..<i])
                if keywords.contains(word) {
                    span("k", start, i)
                } else if word.first?.isUppercase == true {
                    span("t", start, i)
                } else if start > 0, chars[start - 1] == ".", start < 2 || !(chars[start - 2].isLetter || chars[start - 2].isNumber || chars[start - 2] == ")" || chars[start - 2] == "]") {
                    span("m", start, i)
                } else {
                    out += escapeMarkup(word)
                }
            } else {
                out += escapeMarkup(String(c))
                i += 1
            }
        }
        return out
    }
}
