import CellOutput
import Foundation
import Notebook

/// Everything the report shows about one run of a notebook: the document, what each cell did, and the facts of the run.
public struct NotebookRun: Sendable {
    public var document: Document
    /// One entry per cell of `document.cells`, in the same order.
    public var cells: [CellRun]
    public var facts: RunFacts
    /// One entry per `{swift}` expression of the prose (`document.inlineExpressions`), in order.
    public var inlineValues: [InlineValue]
    /// Every file the cells read (replayed cells' too), for `folio watch` to render again when one changes.
    public var filesRead: [String] = []

    public init(document: Document, cells: [CellRun], facts: RunFacts, inlineValues: [InlineValue] = []) {
        self.document = document
        self.cells = cells
        self.facts = facts
        self.inlineValues = inlineValues
    }

    /// The report's title: the front matter's, else the notebook's file name.
    public var title: String { document.frontMatter.title ?? (document.file as NSString).lastPathComponent }

    /// The first failure that stopped the run (an error not allowed by `error: true`), if any;
    /// a value in prose that failed counts after every cell.
    public var failure: Diagnostic? {
        for run in cells { if case .failed(let diagnostic) = run.status { return diagnostic } }
        for value in inlineValues { if case .failed(let diagnostic) = value { return diagnostic } }
        return nil
    }
}

/// What a `{swift}` expression in prose gave.
public enum InlineValue: Sendable, Equatable {
    /// The text shown in its place.
    case shown(String)
    /// Its error, shown in its place and at the top of the report.
    case failed(Diagnostic)
    /// A cell above it stopped the run.
    case notRun
}

/// What one cell did.
public struct CellRun: Sendable {
    /// How a cell ended: its state in the report and the run facts.
    public enum Status: Sendable, Equatable {
        case succeeded
        /// The cell failed and the run stopped (or, with --allow-errors, went on).
        case failed(Diagnostic)
        /// The cell failed as its `error: true` option allows.
        case failedAsAllowed(Diagnostic)
        /// An earlier cell failed, so this one never ran.
        case notRun
    }

    /// What the cache did with a cell.
    public enum CacheMark: Sendable, Equatable {
        /// Ran now (or caching is off).
        case none
        /// Outputs replayed and state restored from the cache; `seconds` is the original run's time.
        case restored
        /// Ran, but could not be kept: the reason names the value.
        case notStored(String)
    }

    public var status: Status
    public var outputs: [Output]
    public var seconds: Double
    public var cache = CacheMark.none

    public init(status: Status, outputs: [Output] = [], seconds: Double = 0) {
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
    }

    public var diagnostic: Diagnostic? {
        switch status {
        case .failed(let diagnostic), .failedAsAllowed(let diagnostic): return diagnostic
        case .succeeded, .notRun: return nil
        }
    }
}

/// The footer's facts: when, how long, on what, with which parameters and seed.
public struct RunFacts: Sendable {
    public var started: Date
    public var seconds: Double
    public var folioVersion: String
    public var machine: String
    /// The seed in force; nil means the run used fresh randomness.
    public var seed: Int?
    /// The seed was drawn for this run (the notebook fixed none): the run is fresh, yet repeatable.
    public var seedWasDrawn = false
    public var params: [(name: String, value: ParamValue)]

    public init(started: Date, seconds: Double, folioVersion: String, machine: String, seed: Int?,
                params: [(name: String, value: ParamValue)]) {
        self.started = started
        self.seconds = seconds
        self.folioVersion = folioVersion
        self.machine = machine
        self.seed = seed
        self.params = params
    }
}
