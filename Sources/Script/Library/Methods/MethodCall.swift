/// A builtin member being run: its receiver (for non-mutating members), its arguments already
/// matched to the member's parameters (defaults filled in, types checked and Ints widened), and
/// helpers that word errors as swiftc does.
struct MethodCall {
    let name: String
    /// `.void` for mutating members, which get the receiver `inout` instead (so it stays unique).
    let receiver: Value
    /// In parameter order.
    let args: [Value]
    let span: Span
    // The interpreter outlives every call it makes; unowned(unsafe) spares a reference count per call.
    unowned(unsafe) let interp: Interpreter

    /// An error at the call.
    func error(_ message: String) -> ScriptError { ScriptError(message, at: span) }

    /// "cannot convert value of type … to expected argument type …" for argument `i`.
    func typeError(_ i: Int, _ expected: String) -> ScriptError {
        error("cannot convert value of type '\(args[i].typeName)' to expected argument type '\(expected)'")
    }

    // Arguments declared `.int`, `.double` or `.string` were checked before the member runs.
    func int(_ i: Int) -> Int { args[i].intValue ?? 0 }
    func double(_ i: Int) -> Double { args[i].doubleValue ?? 0 }
    func string(_ i: Int) -> String { args[i].stringValue ?? args[i].description }

    /// A closure's result that must be a Bool (`filter`, `contains(where:)`, `sorted(by:)`).
    func bool(_ v: Value) throws -> Bool {
        guard case .bool(let b) = v else {
            throw error("cannot convert value of type '\(v.typeName)' to closure result type 'Bool'")
        }
        return b
    }

    /// Calls the closure argument `i` with the given arguments.
    func call(_ i: Int, _ callArgs: [Value]) throws -> Value {
        let labels = [String?](repeating: nil, count: callArgs.count)
        if case .function(let f) = args[i] {
            return try interp.callFunction(f, callArgs, labels: labels, literal: nil, span: span)
        }
        return try interp.callValue(args[i], callArgs, labels: labels, span: span)
    }

    /// Whether closure `i` says yes to `x`.
    func test(_ i: Int, _ x: Value) throws -> Bool { try bool(try call(i, [x])) }

    /// `a < b` for sorting, or the error swiftc gives for values that do not compare.
    func ordered(_ a: Value, _ b: Value) throws -> Bool {
        guard let lt = Operators.less(a, b) else {
            throw error("referencing instance method '\(name)' requires that '\(a.typeName)' conform to 'Comparable'")
        }
        return lt
    }

    /// The receiver's elements: an array's, a range's Ints, a string's characters (as one-character
    /// strings), a dictionary's `(key:value:)` pairs.
    func elements() throws -> [Value] {
        switch receiver {
        case .array(let xs): return xs
        case .range(let r):
            guard r.count <= Library.maxElements else {
                throw error("range of \(r.count) elements is too large to turn into an array "
                            + "(limit \(Library.maxElements))")
            }
            return r.elements.map { .int($0) }
        case .string(let s): return s.map { .string(String($0)) }
        case .dictionary(let d): return Library.pairs(d)
        default: return []
        }
    }

    var text: String { receiver.stringValue ?? "" }
    var integer: Int { receiver.intValue ?? 0 }
    var number: Double { receiver.doubleValue ?? 0 }
    var dictionary: DictionaryValue {
        if case .dictionary(let d) = receiver { return d }
        return DictionaryValue()
    }
    var range: RangeValue {
        if case .range(let r) = receiver { return r }
        return RangeValue(lower: 0, upper: 0, closed: false)
    }
}

extension MethodCall {
    /// Runs `body` on the array held by `v`, moved out so that Swift mutates it without copying.
    func modifyArray(_ v: inout Value, _ body: (inout [Value]) throws -> Value) rethrows -> Value {
        guard var xs = v.takeArray() else { return .nil }
        defer { v = .array(xs) }
        return try body(&xs)
    }

    /// Runs `body` on the dictionary held by `v`, moved out as `modifyArray` does.
    func modifyDictionary(_ v: inout Value, _ body: (inout DictionaryValue) throws -> Value) rethrows -> Value {
        guard var d = v.takeDictionary() else { return .nil }
        defer { v = .dictionary(d) }
        return try body(&d)
    }

    /// "index out of range: 5 (array has 3 elements)".
    func outOfRange(_ i: Int, count: Int) -> ScriptError {
        Interpreter.outOfRange(i, count: count, at: span)
    }
}

/// Shared pieces of the builtin library.
enum Library {
    /// The most elements a range may expand to or `Array(repeating:count:)` may create, so a typo
    /// such as `Array(0..<Int.max)` is an error instead of exhausting memory.
    static let maxElements = 200_000_000

    /// A dictionary's entries as `(key:value:)` tuples, in order.
    static func pairs(_ d: DictionaryValue) -> [Value] {
        zip(d.keys, d.values).map { .tuple(TupleValue([$0.value, $1], labels: ["key", "value"])) }
    }
}
