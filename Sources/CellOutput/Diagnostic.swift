/// A position in a notebook file: 1-based line and column, as editors and the Swift compiler count.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An error (or note) that points at a place in the notebook, rendered like swiftc's:
///
///     notebooks/x.md:42:17: error: cannot find 'Conv2d' in scope; did you mean 'Conv2D'?
///         let m = Conv2d(32)
///                 ^
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The full text of the offending source line, without its newline ("" if unknown).
    public var sourceLine: String
    /// How many characters the caret underline spans (1 = a single caret).
    public var length: Int

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String,
                sourceLine: String = "", length: Int = 1) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.length = max(1, length)
    }

    /// The one-line header: `file:line:col: error: message`.
    public var headline: String { "\(location): \(severity.rawValue): \(message)" }

    /// Headline, then the source line and a caret under the column, as the Swift compiler prints it.
    public var description: String {
        guard !sourceLine.isEmpty else { return headline }
        // Keep tabs in the caret line so the caret lines up under tab-indented code.
        var caret = ""
        for character in sourceLine.prefix(max(0, location.column - 1)) {
            caret.append(character == "\t" ? "\t" : " ")
        }
        caret += "^" + String(repeating: "~", count: length - 1)
        return headline + "\n" + sourceLine + "\n" + caret
    }
}
