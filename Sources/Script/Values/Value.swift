/// A value of the cell language.
///
/// Scalars are stored inline so arithmetic never allocates; arrays, strings and dictionaries use
/// Swift's copy-on-write storage, which gives the language Swift's value semantics for free
/// (`var b = a; b.append(1)` leaves `a` unchanged). Optionals are flattened: `nil` is `.nil`
/// and a present optional is just its wrapped value.
public enum Value {
    /// The result of a statement or a function without a return value (`Void`).
    case void
    /// `nil`, the empty optional.
    case `nil`
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case array([Value])
    /// Boxed (`indirect`): its three buffers would otherwise make every value, and so every
    /// array element, 32 bytes instead of 24.
    indirect case dictionary(DictionaryValue)
    case tuple(TupleValue)
    case range(RangeValue)
    /// An implicit member such as `.relu`, resolved by whichever host parameter receives it.
    case symbol(String)
    /// A script function or closure.
    case function(Function)
    /// A host function (builtin or registered), usable as a value: `xs.map(abs)`.
    case hostFunction(HostFunctionGroup)
    /// A type-like namespace with static members: `Double.pi`, `Datasets.fashionMNIST()`.
    case namespace(Namespace)
    /// An instance of a registered host type.
    case object(HostObject)
    /// A read-only value with named fields, e.g. the notebook's `params`.
    case record([String: Value])
}

/// A tuple with optional element labels: `(loss: 0.3, acc: 0.9)`.
public struct TupleValue {
    public var elements: [Value]
    public var labels: [String?]

    public init(_ elements: [Value], labels: [String?]? = nil) {
        self.elements = elements
        self.labels = labels ?? Array(repeating: nil, count: elements.count)
    }
}

/// A half-open or closed integer range (`0..<n`, `1...n`), or a `stride` sequence.
public final class RangeValue {
    public let lower: Int
    public let upper: Int
    public let closed: Bool
    /// Non-nil for `stride(from:to:by:)` sequences.
    public let step: Int?

    public init(lower: Int, upper: Int, closed: Bool, step: Int? = nil) {
        self.lower = lower
        self.upper = upper
        self.closed = closed
        self.step = step
    }

    /// The elements in order, as Ints.
    public var elements: [Int] {
        if let step {
            guard step != 0 else { return [] }
            return Array(Swift.stride(from: lower, to: upper, by: step))
        }
        if closed { return lower <= upper ? Array(lower...upper) : [] }
        return lower < upper ? Array(lower..<upper) : []
    }

    public var count: Int {
        if step != nil { return elements.count }
        let (span, overflow) = upper.subtractingReportingOverflow(lower)
        if overflow { return Int.max }
        return Swift.max(0, closed ? span + 1 : span)
    }
}

extension Value {
    /// The wrapped Int, if this is an Int.
    public var intValue: Int? { if case .int(let v) = self { return v }; return nil }
    /// The value as a Double (Ints widen), if numeric.
    public var doubleValue: Double? {
        switch self {
        case .double(let v): return v
        case .int(let v): return Double(v)
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let v) = self { return v }; return nil }
    public var stringValue: String? { if case .string(let v) = self { return v }; return nil }
    public var arrayValue: [Value]? {
        switch self {
        case .array(let v): return v
        case .range(let r): return r.count <= Library.maxElements ? r.elements.map { .int($0) } : nil
        default: return nil
        }
    }
    /// The symbol name of an implicit member (`.relu` → "relu") or a string.
    public var symbolValue: String? {
        switch self {
        case .symbol(let s), .string(let s): return s
        default: return nil
        }
    }
    /// The host instance wrapped in an `.object`, cast to `T`.
    public func object<T: AnyObject>(as type: T.Type) -> T? {
        if case .object(let o) = self { return o.base as? T }
        return nil
    }
    public var isNil: Bool { if case .nil = self { return true }; return false }
    public var isVoid: Bool { if case .void = self { return true }; return false }

    /// Wraps a host instance of a registered type.
    public static func object(_ base: AnyObject, type: HostType) -> Value {
        .object(HostObject(base, type: type))
    }
    /// A Swift array of Doubles as a script array.
    public static func doubles(_ xs: [Double]) -> Value { .array(xs.map { .double($0) }) }
    /// A Swift array of Ints as a script array.
    public static func ints(_ xs: [Int]) -> Value { .array(xs.map { .int($0) }) }
    /// A Swift array of Strings as a script array.
    public static func strings(_ xs: [String]) -> Value { .array(xs.map { .string($0) }) }
    /// A tuple value.
    public static func tuple(_ xs: [Value], labels: [String?]? = nil) -> Value {
        .tuple(TupleValue(xs, labels: labels))
    }
}
