/// A key usable in a dictionary: the hashable scalar values.
public enum DictionaryKey: Hashable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case symbol(String)

    /// The key for a value, or nil if the value cannot be a key (arrays, closures, …).
    public init?(_ value: Value) {
        switch value {
        case .int(let v): self = .int(v)
        case .double(let v): self = .double(v)
        case .bool(let v): self = .bool(v)
        case .string(let v): self = .string(v)
        case .symbol(let v): self = .symbol(v)
        default: return nil
        }
    }

    /// The key as a script value.
    public var value: Value {
        switch self {
        case .int(let v): return .int(v)
        case .double(let v): return .double(v)
        case .bool(let v): return .bool(v)
        case .string(let v): return .string(v)
        case .symbol(let v): return .symbol(v)
        }
    }
}

/// A dictionary that remembers insertion order, so notebooks print and iterate deterministically
/// (Swift's own Dictionary order changes from run to run, which would make reports flaky).
public struct DictionaryValue {
    /// Keys in insertion order.
    public private(set) var keys: [DictionaryKey] = []
    /// Values, parallel to `keys`.
    public private(set) var values: [Value] = []
    private var index: [DictionaryKey: Int] = [:]

    public init() {}

    /// Builds a dictionary from Swift pairs, e.g. `DictionaryValue(["a": .int(1)])`.
    public init(_ pairs: KeyValuePairs<String, Value>) {
        for (k, v) in pairs { self[.string(k)] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`; assigning nil removes the key.
    public subscript(key: DictionaryKey) -> Value? {
        get { index[key].map { values[$0] } }
        set {
            if let newValue {
                if let i = index[key] { values[i] = newValue } else {
                    index[key] = keys.count
                    keys.append(key)
                    values.append(newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Removes a key, returning its old value. O(n) because order is kept.
    @discardableResult
    public mutating func removeValue(forKey key: DictionaryKey) -> Value? {
        guard let i = index.removeValue(forKey: key) else { return nil }
        keys.remove(at: i)
        let old = values.remove(at: i)
        for j in i..<keys.count { index[keys[j]] = j }
        return old
    }

    /// Moves the values out, leaving the dictionary empty (for `ValueTeardown`).
    mutating func takeValues() -> [Value] {
        let taken = values
        keys = []
        values = []
        index = [:]
        return taken
    }

    public mutating func removeAll() {
        keys = []
        values = []
        index = [:]
    }

    /// Applies `body` to the stored value in place (no copy of the element's storage).
    mutating func modifyValue(at key: DictionaryKey, _ body: (inout Value) throws -> Void) rethrows -> Bool {
        guard let i = index[key] else { return false }
        try body(&values[i])
        return true
    }
}
