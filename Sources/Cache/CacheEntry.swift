import CellOutput
import Foundation

/// One cell's run as the cache keeps it: what it showed, what it read and wrote, how long it took,
/// and the snapshot of the notebook's state after it.
public struct CacheEntry: Codable, Equatable {
    /// A file and the hash of its contents when the cell ran.
    public struct FileDigest: Codable, Equatable {
        public var path: String
        public var hash: String

        public init(path: String, hash: String) {
            self.path = path
            self.hash = hash
        }
    }

    /// The key before files: source, earlier cells, parameters, seed, version.
    public var key: String
    /// The notebook and cell, for `folio cache info`.
    public var notebook: String
    public var cell: Int
    public var label: String?
    public var created: Date
    /// The original run's seconds, shown with the replayed cell.
    public var seconds: Double
    public var outputs: [Output]
    /// Every file the cell read, with its hash: a change to any of them reruns the cell.
    public var filesRead: [FileDigest]
    /// Every file the cell wrote, with the blob of its contents: a replay writes them again.
    public var filesWritten: [FileDigest]
    /// The blob of the state after the cell.
    public var snapshot: String
    /// The blobs the snapshot refers to (pixels, model files), so cleaning keeps them.
    public var blobs: [String]

    public init(key: String, notebook: String, cell: Int, label: String?, seconds: Double, outputs: [Output],
                filesRead: [FileDigest], filesWritten: [FileDigest], snapshot: String, blobs: [String]) {
        self.key = key
        self.notebook = notebook
        self.cell = cell
        self.label = label
        self.created = Date()
        self.seconds = seconds
        self.outputs = outputs
        self.filesRead = filesRead
        self.filesWritten = filesWritten
        self.snapshot = snapshot
        self.blobs = blobs
    }
}

/// Builds a cell's key from everything its result depends on, in order.
public struct CacheKey {
    private var parts: [String] = []

    public init(format: String) { parts.append(format) }

    public mutating func add(_ name: String, _ value: String) {
        // Length-prefixed, so no two different sequences of parts give one text.
        parts.append("\(name)=\(value.utf8.count):\(value)")
    }

    public var value: String { ContentHash.hex(of: parts.joined(separator: "\n")) }
}
