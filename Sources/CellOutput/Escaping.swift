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

/// Makes text safe to print on a terminal: control characters (escape sequences that could clear a
/// grader's screen, move the cursor or fake a result), C1 controls and bidirectional overrides become
/// visible `\u{…}` escapes. Line feeds and tabs stay.
public func escapeForTerminal(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafeOnTerminal) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
        if isUnsafeOnTerminal(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

private func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A: return false
    case 0x00..<0x20, 0x7F, 0x80..<0xA0: return true
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true  // bidirectional controls
    default: return false
    }
}
