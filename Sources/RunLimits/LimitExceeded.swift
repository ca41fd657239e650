/// A run went past one of its limits: a deadline, the memory budget, or a size no input can justify.
///
/// The message names the limit, the size or time that broke it, and how to raise it, e.g.
/// `this needs 7.5 GB, more than the memory budget of 4 GB left to the cell; ...`.
public struct LimitExceeded: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// A cell's or the whole notebook's time limit.
        case time
        /// The run's memory budget.
        case memory
        /// A size or count beyond what any input could need (a hostile or mistyped number).
        case size
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
