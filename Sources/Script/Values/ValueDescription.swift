extension Value: CustomStringConvertible, CustomDebugStringConvertible, Equatable {
    /// Structural equality as the language's `==` sees it (functions and closures never equal).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.void, .void): return true
        case (.record(let a), .record(let b)): return a.keys == b.keys && a.allSatisfy { b[$0.key] == $0.value }
        case (.function(let a), .function(let b)): return a === b
        default: return Operators.equal(lhs, rhs) ?? false
        }
    }

    /// The Swift-like type name used in messages: `Int`, `[Double]`, `[String: Int]`, `(Int, String)`.
    public var typeName: String { typeName(depth: 0) }

    /// Collections nested deeper than this print as `…` in descriptions and type names: one
    /// stack frame per level would crash on a value nested a million deep (`a = [a]` in a loop).
    static let maxDescribedDepth = 100

    private func typeName(depth: Int) -> String {
        if depth > Value.maxDescribedDepth { return "…" }
        switch self {
        case .void: return "()"
        case .nil: return "Optional<Any>"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .string: return "String"
        case .array(let xs): return "[\(Value.commonTypeName(xs, depth + 1))]"
        case .dictionary(let d):
            let keys = Value.commonTypeName(d.keys.map(\.value), depth + 1)
            return "[\(keys): \(Value.commonTypeName(d.values, depth + 1))]"
        case .tuple(let t): return "(" + t.elements.map { $0.typeName(depth: depth + 1) }.joined(separator: ", ") + ")"
        case .range(let r): return r.step != nil ? "StrideTo<Int>" : (r.closed ? "ClosedRange<Int>" : "Range<Int>")
        case .symbol(let s): return "symbol '.\(s)'"
        case .function(let f): return f.prototype.typeDescription
        case .hostFunction: return "function"
        case .namespace(let n): return "\(n.name).Type"
        case .object(let o): return o.type.name
        case .record: return "record"
        }
    }

    /// The element type name of an array's elements, or `Any` when they differ.
    private static func commonTypeName(_ xs: [Value], _ depth: Int) -> String {
        guard let first = xs.first else { return "Any" }
        let name = first.typeName(depth: depth)
        for x in xs.dropFirst() where x.typeName(depth: depth) != name { return "Any" }
        return name
    }

    /// How the value reads inside collections and `debugPrint`: strings are quoted.
    public var debugDescription: String { describe(quoted: true) }

    /// How `print` and the cell's last-expression display show the value.
    public var description: String { describe(quoted: false) }

    /// The value as `print` shows it; strings quoted inside collections.
    func describe(quoted: Bool, depth: Int = 0) -> String {
        let inner = depth + 1
        if inner > Value.maxDescribedDepth, isCollection { return "…" }
        switch self {
        case .void: return "()"
        case .nil: return "nil"
        case .int(let v): return String(v)
        case .double(let v): return Value.format(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let s): return quoted ? Value.quote(s) : s
        case .array(let xs):
            return "[" + xs.map { $0.describe(quoted: true, depth: inner) }.joined(separator: ", ") + "]"
        case .dictionary(let d):
            if d.isEmpty { return "[:]" }
            return "[" + zip(d.keys, d.values)
                .map { "\($0.value.describe(quoted: true)): \($1.describe(quoted: true, depth: inner))" }
                .joined(separator: ", ") + "]"
        case .tuple(let t):
            return "(" + zip(t.labels, t.elements).map { label, v in
                (label.map { "\($0): " } ?? "") + v.describe(quoted: true, depth: inner)
            }.joined(separator: ", ") + ")"
        case .range(let r):
            if let step = r.step { return "stride(from: \(r.lower), to: \(r.upper), by: \(step))" }
            return "\(r.lower)\(r.closed ? "..." : "..<")\(r.upper)"
        case .symbol(let s): return "." + s
        case .function(let f): return f.prototype.typeDescription
        case .hostFunction(let g): return "(function \(g.name))"
        case .namespace(let n): return n.name
        case .object(let o): return o.type.describeObject(o.base)
        case .record(let fields):
            if let (name, values) = caseAndValues {
                return ".\(name)(" + values.sorted { $0.key < $1.key }
                    .map { "\($0.key): \($0.value.describe(quoted: true, depth: inner))" }.joined(separator: ", ") + ")"
            }
            return "(" + fields.sorted { $0.key < $1.key }
                .map { "\($0.key): \($0.value.describe(quoted: true, depth: inner))" }.joined(separator: ", ") + ")"
        }
    }

    /// Whether the value holds other values (and so adds a level when described).
    var isCollection: Bool {
        switch self {
        case .array, .dictionary, .tuple, .record: return true
        default: return false
        }
    }

    /// Swift's own Double description: `0.1`, `3.0`, `1e-05`, `inf`, `nan`.
    static func format(_ v: Double) -> String { v.description }

    /// A string as a Swift literal, escapes included.
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
