/// Where in a file a problem was found.
public enum FileLocation: Equatable, Sendable {
    /// The whole file (it is missing, a directory, empty, ...).
    case file
    /// A 1-based line of a text file (CSV, bitmap text).
    case line(Int)
    /// A 0-based byte offset into the file's (decompressed) contents.
    case byteOffset(Int)
    /// A 0-based byte offset into a named member of an archive (a `.npz` entry).
    case member(String, byteOffset: Int)
}

/// A dataset could not be read, found or transformed.
///
/// The message names the file, the place in it, what was expected, what was found and
/// what to do, e.g. `train.csv:3: expected 784 pixel values, found 783`.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in (empty for errors not tied to a file).
    public let path: String
    /// Where in the file.
    public let location: FileLocation
    /// What the reader expected.
    public let expected: String
    /// What it found instead.
    public let found: String
    /// What the user can do about it (may be empty).
    public let hint: String

    /// An error at `location` in `path`.
    public init(path: String, at location: FileLocation = .file, expected: String, found: String, hint: String = "") {
        self.path = path
        self.location = location
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    /// `path:where: expected X, found Y. hint`
    public var description: String {
        var place = path
        switch location {
        case .file: break
        case .line(let line): place += ":\(line)"
        case .byteOffset(let offset): place += ": byte offset \(offset)"
        case .member(let name, let offset): place += ": member '\(name)' byte offset \(offset)"
        }
        var message = place.isEmpty ? "" : place + ": "
        message += "expected \(expected), found \(found)"
        if !hint.isEmpty { message += ". " + hint }
        return message
    }

    /// An error about arguments rather than a file (bad fraction, unknown class, ...).
    static func argument(expected: String, found: String, hint: String = "") -> DatasetError {
        DatasetError(path: "", expected: expected, found: found, hint: hint)
    }
}
