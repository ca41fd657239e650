import Foundation
import CellOutput

/// Quarto-style options written as leading `//| key: value` lines of a cell.
public struct CellOptions: Sendable, Equatable {
    /// A name for the cell, unique in the notebook; it becomes the cell's anchor in the report.
    public var label: String?
    /// Show the cell's code in the report.
    public var echo = true
    /// Show the cell's outputs in the report.
    public var output = true
    /// The cell is allowed to fail: its error is shown and the run goes on.
    public var error = false
    /// Seconds the cell may run before it is stopped with an error.
    public var timeout: Double?
    /// How many leading source lines were option lines.
    public var lineCount = 0

    public init() {}

    /// The option names a cell accepts, listed in the error for an unknown one.
    public static let known = ["label", "echo", "output", "error", "timeout"]

    /// Reads the leading `//|` lines of `source`. `firstLine` is the notebook line of the source's first
    /// line; every problem becomes a diagnostic at the option's own line.
    static func parse(_ source: String, file: String, firstLine: Int) -> (CellOptions, [Diagnostic]) {
        var options = CellOptions()
        var problems: [Diagnostic] = []
        for (offset, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("//|") else { break }
            options.lineCount = offset + 1
            let column = line.count - trimmed.count + 1
            let here = SourceLocation(file: file, line: firstLine + offset, column: column)
            func fail(_ message: String) {
                problems.append(Diagnostic(at: here, message, sourceLine: line, length: trimmed.count))
            }
            let body = trimmed.dropFirst(3)
            guard let colon = body.firstIndex(of: ":") else {
                fail("cell option must read '//| key: value'")
                continue
            }
            let key = body[..<colon].trimmingCharacters(in: .whitespaces)
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "label":
                if value.isEmpty { fail("cell option 'label' needs a name") } else { options.label = unquoted(value) }
            case "echo", "output", "error":
                guard let flag = bool(value) else {
                    fail("cell option '\(key)' must be true or false, not '\(value)'")
                    continue
                }
                switch key {
                case "echo": options.echo = flag
                case "output": options.output = flag
                default: options.error = flag
                }
            case "timeout":
                guard let seconds = Double(value), seconds > 0, seconds.isFinite else {
                    fail("cell option 'timeout' must be a positive number of seconds, not '\(value)'")
                    continue
                }
                options.timeout = seconds
            default:
                let hint = closestMatch(to: key, in: known).map { "; did you mean '\($0)'?" }
                    ?? " (known options: \(known.joined(separator: ", ")))"
                fail("unknown cell option '\(key)'\(hint)")
            }
        }
        return (options, problems)
    }

    private static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: return nil
        }
    }

    private static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
