import Notebook

/// Parses a notebook written inline in a test.
enum NotebookParserHelper {
    static func parse(_ text: String) throws -> Document { try NotebookParser.parse(text, file: "test.md") }
}
