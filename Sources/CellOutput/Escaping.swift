/// Escapes text for HTML and XML (SVG) element content and quoted attributes. Every piece of user
/// text that reaches the report or a chart passes through here.
///
/// Control characters other than tab and line breaks become spaces: XML 1.0 forbids them, and a
/// chart with one would not parse.
public func escapeMarkup(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
