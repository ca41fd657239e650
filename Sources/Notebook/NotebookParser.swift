import CCmark
import CellOutput
import Foundation

/// Turns a notebook's text into a `Document`: front matter, prose rendered by cmark, and cells.
///
/// Every problem (bad front matter, an unknown cell option, an unclosed fence, a duplicate label)
/// becomes a diagnostic at the notebook's own line; all of them are thrown together.
public enum NotebookParser {
    public static func parse(_ text: String, file: String) throws -> Document {
        try rejectNUL(text, file: file)
        // Windows (CR LF) and classic Mac (CR) line endings both become LF, so no line is lost.
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let (frontMatter, bodyStart) = try splitFrontMatter(lines, file: file)
        let body = Array(lines[bodyStart...])
        let builder = BlockBuilder(file: file, lines: body, lineOffset: bodyStart, allowRawHTML: frontMatter.rawHTML,
                                   params: frontMatter.params)
        guard let root = Markdown.parse(body.joined(separator: "\n")) else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                                             "cmark could not parse this notebook")])
        }
        defer { cmark_node_free(root) }
        var node = cmark_node_first_child(root)
        while let current = node {
            builder.add(current)
            node = cmark_node_next(current)
        }
        builder.flushProse()
        guard builder.problems.isEmpty else { throw DiagnosticList(builder.problems) }
        return Document(file: file, frontMatter: frontMatter, blocks: builder.blocks)
    }

    /// A NUL byte would end the text where cmark and C see it, silently dropping the rest: refuse it,
    /// naming its line and column.
    private static func rejectNUL(_ text: String, file: String) throws {
        guard text.utf8.contains(0) else { return }
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\0" { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        let message = "the notebook contains a NUL byte (\\0) here; notebooks are text: delete the byte "
            + "(it often comes from saving in UTF-16 or from a binary file pasted in)"
        throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: line, column: column), message)])
    }

    /// Returns the front matter and the index of the first line after it.
    private static func splitFrontMatter(_ lines: [Substring], file: String) throws -> (FrontMatter, Int) {
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            return (FrontMatter(), 0)
        }
        let closing = lines.indices.dropFirst().first { index in
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }
        guard let closing else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                                             "front matter opened here is never closed; add a line '---' after it",
                                             sourceLine: String(first), length: 3)])
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        return (try FrontMatter.parse(yaml, file: file, firstLine: 2), closing + 1)
    }
}

/// Walks cmark's top-level nodes, gathering runs of prose between cells.
private final class BlockBuilder {
    let file: String
    let lines: [Substring]
    let lineOffset: Int
    let allowRawHTML: Bool
    /// The front matter's parameters, for options written `params.name`.
    let params: [(name: String, value: ParamValue)]
    var blocks: [Block] = []
    var problems: [Diagnostic] = []
    private var prose: Prose?
    /// The body line after the last cell's closing fence, where the next prose's Markdown starts.
    private var proseStartLine = 1
    private var usedAnchors: Set<String> = []
    private var labels: [String: Int] = [:]
    /// Prose's `{swift}` expressions so far, numbered through the whole document.
    private let inlineFinder = InlineExpressionFinder()
    private var expressionCount = 0

    init(file: String, lines: [Substring], lineOffset: Int, allowRawHTML: Bool,
         params: [(name: String, value: ParamValue)]) {
        self.file = file
        self.params = params
        self.lines = lines
        self.lineOffset = lineOffset
        self.allowRawHTML = allowRawHTML
    }

    func add(_ node: OpaquePointer) {
        let startLine = Int(cmark_node_get_start_line(node))
        if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK, let fence = openingFence(at: startLine),
           isSwift(cmark_node_get_fence_info(node)) {
            flushProse(before: startLine)
            addCell(node, fence: fence, fenceLine: startLine)
            return
        }
        if prose == nil { prose = Prose(firstLine: startLine + lineOffset, html: "", headings: []) }
        let heading = cmark_node_get_type(node) == CMARK_NODE_HEADING ? Markdown.plainText(node) : nil
        let found = inlineFinder.take(from: node, lines: lines, lineOffset: lineOffset, firstIndex: expressionCount)
        var html = Markdown.render(node, allowRawHTML: allowRawHTML)
        if !found.isEmpty {
            html = inlineFinder.placeholders(in: html, indices: expressionCount..<expressionCount + found.count)
            prose?.expressions += found
            expressionCount += found.count
        }
        if let text = heading {
            let level = Int(cmark_node_get_heading_level(node))
            let id = uniqueAnchor(slug(text))
            html = html.replacingOccurrences(of: "<h\(level)>", with: "<h\(level) id=\"\(id)\">",
                                             range: html.range(of: "<h\(level)>"))
            prose?.headings.append(Heading(level: level, text: text, id: id))
        }
        prose?.html += html
    }

    /// Ends the prose before body line `line` (a cell's fence; nil: the notebook's end).
    func flushProse(before line: Int? = nil) {
        let end = (line ?? lines.count + 1) - 1
        if var prose {
            prose.markdown = markdown(through: end, expressions: prose.expressions)
            blocks.append(.prose(prose))
        }
        prose = nil
    }

    /// The prose's Markdown as written: every line between the cells around it (link definitions too,
    /// which cmark gives no node), without the blank lines at either end.
    private func markdown(through end: Int, expressions: [InlineExpression]) -> [ProsePiece] {
        var first = proseStartLine, last = min(end, lines.count)
        while first <= last, lines[first - 1].allSatisfy(\.isWhitespace) { first += 1 }
        while last >= first, lines[last - 1].allSatisfy(\.isWhitespace) { last -= 1 }
        return InlineExpressionFinder.pieces(in: lines, from: first, through: last,
                                             firstIndex: expressions.first?.index ?? 0, count: expressions.count)
    }

    private func addCell(_ node: OpaquePointer, fence: Substring, fenceLine: Int) {
        let endLine = Int(cmark_node_get_end_line(node))
        proseStartLine = max(endLine, fenceLine) + 1
        let closing = endLine > fenceLine && endLine <= lines.count
            ? lines[endLine - 1].trimmingCharacters(in: .whitespaces) : ""
        if !(closing.hasPrefix(fence) && closing.allSatisfy { $0 == fence.first }) {
            let text = String(lines[fenceLine - 1])
            problems.append(Diagnostic(at: SourceLocation(file: file, line: fenceLine + lineOffset, column: 1),
                                       "code fence opened here is never closed; add a line '\(fence)' after the cell",
                                       sourceLine: text, length: text.count))
        }
        var source = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        if source.hasSuffix("\n") { source.removeLast() }
        let firstLine = fenceLine + lineOffset + 1
        let (options, optionProblems) = CellOptions.parse(source, file: file, firstLine: firstLine,
                                                                    params: params)
        problems += optionProblems
        let number = blocks.filter { if case .cell = $0 { return true } else { return false } }.count + 1
        if let label = options.label {
            if let earlier = labels[label] {
                problems.append(Diagnostic(
                    at: SourceLocation(file: file, line: firstLine, column: 1),
                    "duplicate cell label '\(label)' (already used by the cell at line \(earlier))",
                    sourceLine: source.split(separator: "\n").first.map(String.init) ?? ""))
            }
            labels[label] = firstLine
        }
        blocks.append(.cell(Cell(number: number, firstLine: firstLine, source: source, options: options)))
    }

    /// The opening fence (``` or ~~~, any length) if the node at `line` is a fenced block, not an indented one.
    private func openingFence(at line: Int) -> Substring? {
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1].drop { $0 == " " }
        guard let mark = text.first, mark == "`" || mark == "~" else { return nil }
        return text.prefix { $0 == mark }
    }

    private func isSwift(_ info: UnsafePointer<CChar>?) -> Bool {
        guard let info else { return false }
        return String(cString: info).split(separator: " ").first == "swift"
    }

    private func uniqueAnchor(_ base: String) -> String {
        var candidate = base
        var suffix = 2
        while usedAnchors.contains(candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        usedAnchors.insert(candidate)
        return candidate
    }
}
