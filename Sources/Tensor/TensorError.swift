/// Errors from tensor construction and kernels; each message says what was expected and found.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    /// A shape that cannot be used (negative dimension, wrong rank, impossible reshape).
    case invalidShape([Int], reason: String)
    /// The number of scalars does not match the shape.
    case countMismatch(shape: [Int], expected: Int, found: Int)
    /// Two operands' shapes do not fit together for an operation.
    case shapeMismatch(operation: String, expected: String, found: String)

    public var description: String {
        switch self {
        case let .invalidShape(shape, reason):
            return "invalid shape \(shape): \(reason)"
        case let .countMismatch(shape, expected, found):
            return "shape \(shape) needs \(expected) scalars but \(found) were given; "
                + "pass exactly \(expected) values or change the shape"
        case let .shapeMismatch(operation, expected, found):
            return "\(operation): expected \(expected), found \(found)"
        }
    }
}
