import CellOutput
import Notebook

/// Prose as Markdown with each `{swift}` value in place, as the report shows it: the value as text,
/// an error as a code span naming it, and an expression the run never reached as its code.
enum ProseMarkdown {
    static func fill(_ prose: Prose, values: [InlineValue]) -> String {
        var markdown = ""
        for piece in prose.markdown {
            switch piece {
            case .text(let text):
                markdown += text
            case .inlineValue(let index):
                switch index < values.count ? values[index] : .notRun {
                case .shown(let text): markdown += escape(text)
                case .failed(let diagnostic): markdown += codeSpan(diagnostic.headline)
                case .notRun:
                    let source = prose.expressions.first { $0.index == index }?.source ?? ""
                    markdown += codeSpan("{swift} " + source)
                }
            }
        }
        return markdown
    }

    /// A value as literal text: Markdown's punctuation backslash-escaped (`$` too, which Jupyter reads as
    /// the start of mathematics), and line breaks as spaces, as the HTML report collapses them.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isNewline {
                out += " "
            } else {
                if "\\`*_[]<>|~&$#!".contains(character) { out += "\\" }
                out.append(character)
            }
        }
        return out
    }

    /// Text as one code span, its fence longer than any run of backticks inside it.
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let flat = text.map { $0.isNewline ? " " : String($0) }.joined()
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat + padding + fence
    }
}
