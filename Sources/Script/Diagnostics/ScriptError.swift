/// An error raised while lexing, parsing, compiling or running a cell, located within the cell.
/// `Interpreter` turns it into a `Diagnostic` with the notebook's file and line numbers.
struct ScriptError: Error {
    var message: String
    var span: Span
    /// For a call whose arguments do not match: the index of the argument at fault, so that a call
    /// written over several lines reports the argument's own line rather than the call's.
    var argument: Int?

    init(_ message: String, at span: Span, argument: Int? = nil) {
        self.message = message
        self.span = span
        self.argument = argument
    }
}

/// An error thrown by host code (registered functions, methods, properties) with just a message;
/// the interpreter attaches the location of the call that raised it.
public struct HostError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
