/// The arguments of a builtin method call, with helpers that check labels and types and word
/// their errors as swiftc does.
struct MethodCall {
    let name: String
    let args: [Value]
    let labels: [String?]
    let span: Span
    unowned let interp: Interpreter

    /// Requires exactly these argument labels (nil = unlabelled).
    func expect(_ expected: [String?]) throws {
        guard !fits(expected) else { return }
        let matcher = ArgumentMatcher(slots: expected.map { .init(label: $0, name: $0 ?? "_", hasDefault: false, variadic: false) })
        let sig = name + "(" + expected.map { ($0 ?? "_") + ":" }.joined() + ")"
        throw ScriptError(matcher.failure(labels) + "; expected \(sig)", at: span,
                          argument: matcher.offendingArgument(labels))
    }

    /// Requires one of several label lists; returns the index of the one given.
    func expectOneOf(_ options: [[String?]]) throws -> Int {
        if let i = options.firstIndex(where: fits) { return i }
        let best = options.first { $0.count == labels.count } ?? options[0]
        try expect(best)
        return 0
    }

    /// Labels match, a trailing closure standing for the last parameter.
    func fits(_ expected: [String?]) -> Bool {
        guard labels.count == expected.count else { return false }
        for (have, want) in zip(labels, expected) where have != want && have != trailingClosureLabel { return false }
        return true
    }

    func error(_ message: String) -> ScriptError { ScriptError(message, at: span) }

    func typeError(_ i: Int, _ expected: String) -> ScriptError {
        error("cannot convert value of type '\(args[i].typeName)' to expected argument type '\(expected)'")
    }

    func int(_ i: Int) throws -> Int {
        guard case .int(let v) = args[i] else { throw typeError(i, "Int") }
        return v
    }

    func double(_ i: Int) throws -> Double {
        guard let v = args[i].doubleValue else { throw typeError(i, "Double") }
        return v
    }

    func string(_ i: Int) throws -> String {
        guard case .string(let v) = args[i] else { throw typeError(i, "String") }
        return v
    }

    func bool(_ v: Value) throws -> Bool {
        guard case .bool(let b) = v else {
            throw error("cannot convert value of type '\(v.typeName)' to closure result type 'Bool'")
        }
        return b
    }

    /// Calls the closure argument `i` with the given arguments.
    func call(_ i: Int, _ callArgs: [Value]) throws -> Value {
        let fn = args[i]
        switch fn {
        case .function(let f):
            return try interp.callFunction(f, callArgs, labels: Array(repeating: nil, count: callArgs.count), literal: nil, span: span)
        case .hostFunction, .namespace:
            return try interp.callValue(fn, callArgs, labels: Array(repeating: nil, count: callArgs.count), span: span)
        default:
            throw typeError(i, "closure")
        }
    }

    func ordered(_ a: Value, _ b: Value) throws -> Bool {
        guard let lt = Operators.less(a, b) else {
            throw error("referencing instance method '\(name)' requires that '\(a.typeName)' conform to 'Comparable'")
        }
        return lt
    }
}

/// The builtin members of Int, Double, Bool, String, arrays, dictionaries and ranges.
enum Library {
    /// The most elements a range may expand to or `Array(repeating:count:)` may create, so a typo
    /// such as `Array(0..<Int.max)` is an error instead of exhausting memory.
    static let maxElements = 200_000_000

    static func memberNames(of v: Value) -> [String] {
        switch v {
        case .array, .range: return arrayMembers
        case .string: return stringMembers
        case .dictionary: return dictionaryMembers
        case .int, .double: return numberMembers
        default: return []
        }
    }

    static func isMutating(_ v: Value, _ name: String) -> Bool {
        switch v {
        case .array, .dictionary, .string: return true
        default: return false
        }
    }

    static func property(_ v: Value, _ name: String, span: Span) throws -> Value? {
        switch v {
        case .array(let xs): return arrayProperty(xs, name)
        case .range(let r):
            switch name {
            case "lowerBound": return .int(r.lower)
            case "upperBound": return .int(r.upper)
            case "count": return .int(r.count)
            default: return arrayProperty(r.elements.map { .int($0) }, name)
            }
        case .string(let s): return stringProperty(s, name)
        case .dictionary(let d): return dictionaryProperty(d, name)
        case .int(let i): return intProperty(i, name)
        case .double(let d): return doubleProperty(d, name)
        case .bool(let b): return name == "description" ? .string(b ? "true" : "false") : nil
        default: return nil
        }
    }

    static func method(_ v: Value, _ name: String, _ args: [Value], labels: [String?], interp: Interpreter, span: Span) throws -> Value? {
        let call = MethodCall(name: name, args: args, labels: labels, span: span, interp: interp)
        switch v {
        case .array(let xs): return try arrayMethod(xs, call)
        case .range(let r):
            if name == "contains" && labels == [nil], case .int(let x) = args[0] {
                return .bool(x >= r.lower && (r.closed ? x <= r.upper : x < r.upper))
            }
            guard r.count <= Library.maxElements else {
                throw ScriptError("range of \(r.count) elements is too large to turn into an array (limit \(Library.maxElements))", at: span)
            }
            return try arrayMethod(r.elements.map { .int($0) }, call)
        case .string(let s): return try stringMethod(s, call)
        case .dictionary(let d): return try dictionaryMethod(d, call)
        case .int(let i): return try intMethod(i, call)
        case .double(let d): return try doubleMethod(d, call)
        case .tuple(let t) where name == "contains" && t.labels == ["lowerBound", "upperBound"]:
            let x = try call.double(0)
            return .bool(x >= (t.elements[0].doubleValue ?? 0) && x <= (t.elements[1].doubleValue ?? 0))
        default: return nil
        }
    }

    static func mutate(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?], interp: Interpreter, span: Span) throws -> Value? {
        let call = MethodCall(name: name, args: args, labels: labels, span: span, interp: interp)
        if case .array = v, var xs = v.takeArray() {
            defer { v = .array(xs) }
            return try mutateArray(&xs, call)
        }
        if case .dictionary = v, var d = v.takeDictionary() {
            defer { v = .dictionary(d) }
            return try mutateDictionary(&d, call)
        }
        if case .string = v, name == "append" {
            try call.expect([nil])
            let addition = args[0].description
            if case .string = v {
                let old = Allocation.count(of: v), bytes = old &+ addition.utf8.count
                try Allocation.check(bytes, grownFrom: old, Allocation.describe(bytes, "a string"), at: span)
            }
            guard var s = v.takeString() else { return nil }
            defer { v = .string(s) }
            s += addition
            return .void
        }
        return nil
    }
}
