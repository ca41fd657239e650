import CellOutput

/// A parsed notebook: front matter, then prose and cells in reading order.
public struct Document: Sendable {
    /// The path the notebook was read from, as given on the command line (used in diagnostics).
    public var file: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]

    public init(file: String, frontMatter: FrontMatter, blocks: [Block]) {
        self.file = file
        self.frontMatter = frontMatter
        self.blocks = blocks
    }

    /// Every `{swift}` expression of the prose, in order; a placeholder's number indexes this.
    public var inlineExpressions: [InlineExpression] {
        blocks.flatMap { block -> [InlineExpression] in
            if case .prose(let prose) = block { return prose.expressions } else { return [] }
        }
    }

    /// The runnable cells, in order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { return cell } else { return nil } }
    }

    /// Every heading in the prose, in order, for the table of contents.
    public var headings: [Heading] {
        blocks.flatMap { block -> [Heading] in
            if case .prose(let prose) = block { return prose.headings } else { return [] }
        }
    }
}

/// One top-level piece of a notebook.
public enum Block: Sendable {
    case prose(Prose)
    case cell(Cell)
}

/// A run of Markdown between cells, already rendered to HTML by cmark.
public struct Prose: Sendable {
    /// Notebook line where this prose starts.
    public var firstLine: Int
    /// HTML from cmark; raw HTML in the Markdown is dropped unless the front matter allows it.
    public var html: String
    public var headings: [Heading]
    /// Its `{swift}` expressions, whose values the report puts where `InlineExpression.placeholder` stands.
    public var expressions: [InlineExpression] = []
    /// Its Markdown as written, for exports that keep Markdown (`.ipynb`): pieces of text, and a
    /// piece for each `{swift}` code span, so the value goes in its place without a placeholder
    /// string that the prose itself could contain.
    public var markdown: [ProsePiece] = []
}

/// A piece of prose's Markdown source.
public enum ProsePiece: Sendable, Equatable {
    case text(String)
    /// The `{swift}` code span of the document's expression with this index.
    case inlineValue(Int)
}

/// A Markdown heading, with the anchor id the rendered HTML gives it.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
}

/// A fenced ```` ```swift ```` block: code the runner executes.
public struct Cell: Sendable {
    /// 1-based position among the notebook's cells.
    public var number: Int
    /// Notebook line of the cell's first source line (the line after the opening fence).
    public var firstLine: Int
    /// The cell's source, including its leading `//|` option lines (they are comments to the language),
    /// so that line `k` of `source` is notebook line `firstLine + k - 1`.
    public var source: String
    public var options: CellOptions

    /// The source without the leading option lines, as the report shows it.
    public var displaySource: String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.dropFirst(options.lineCount).joined(separator: "\n")
    }
}
