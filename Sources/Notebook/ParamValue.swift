/// A notebook parameter's value: a scalar from the front matter's `params`, or its override from
/// `folio render -p name=value`, which must have the same type as the default.
public enum ParamValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    /// The Swift type name users see in messages.
    public var typeName: String {
        switch self {
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .string: return "String"
        }
    }

    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        case .string(let value): return value
        }
    }

    /// Reads `text` as a value of the same type as `self` (the default), or nil if it isn't one.
    /// An Int literal is accepted for a Double parameter, as Swift accepts `let x: Double = 3`.
    public func parsingOverride(_ text: String) -> ParamValue? {
        switch self {
        case .int: return Int(text).map(ParamValue.int)
        case .double: return Double(text).flatMap { $0.isFinite ? .double($0) : nil }
        case .bool: return Bool(text).map(ParamValue.bool)
        case .string: return .string(text)
        }
    }
}
