extension Interpreter {
    /// `value[index]`.
    func subscriptGet(_ v: Value, _ index: [Value], labels: [String?], span: Span) throws -> Value {
        switch v {
        case .array(let xs):
            guard index.count == 1, labels[0] == nil else { break }
            switch index[0] {
            case .int(let i):
                guard i >= 0 && i < xs.count else {
                    throw Interpreter.outOfRange(i, count: xs.count, at: span)
                }
                return xs[i]
            case .range(let r) where r.step == nil:
                let end = r.closed ? r.upper + 1 : r.upper
                guard r.lower >= 0 && end <= xs.count else {
                    throw ScriptError("range \(Value.range(r).description) out of bounds (array has \(xs.count) "
                                      + "elements)", at: span)
                }
                return .array(Array(xs[r.lower..<end]))
            default: break
            }
        case .dictionary(let d):
            guard let key = DictionaryKey(index[0]) else {
                throw ScriptError("type '\(index[0].typeName)' cannot be a dictionary key", at: span)
            }
            if index.count == 2 && labels == [nil, "default"] { return d[key] ?? index[1] }
            guard index.count == 1, labels[0] == nil else { break }
            return d[key] ?? .nil
        case .string(let s):
            if index.count == 1, case .int(let i) = index[0] {
                guard i >= 0 && i < s.count else {
                    throw ScriptError("index out of range: \(i) (string has \(s.count) characters)", at: span)
                }
                return .string(String(s[s.index(s.startIndex, offsetBy: i)]))
            }
        case .object(let o):
            if let g = o.type.methods["subscript"] {
                return try callHost(g, index, labels: labels, receiver: o.base, span: span)
            }
        case .tuple(let t) where t.labels == ["lowerBound", "upperBound"]:
            break
        default: break
        }
        let shown = zip(labels, index).map { ($0.map { "\($0): " } ?? "") + $1.typeName }.joined(separator: ", ")
        throw ScriptError("cannot subscript a value of type '\(v.typeName)' with an argument of type '\(shown)'",
                          at: span)
    }

    /// In-place `value[index]` for assignment and mutation.
    func subscriptModify(_ v: inout Value, _ index: [Value], labels: [String?], span: Span,
                         _ body: (inout Value) throws -> Value) throws -> Value {
        // Arrays and dictionaries are tested with `if case` and moved out of `v` before anything
        // else looks at them. A `switch v` keeps its subject (a second reference) alive through
        // the case body, as does a `case .array(let xs)` binding, so the write below found the
        // storage shared and copied the whole collection on every `xs[i] = …`.
        if case .array = v, index.count == 1, case .int(let i) = index[0] {
            let count = Allocation.count(of: v)
            guard i >= 0 && i < count else {
                throw Interpreter.outOfRange(i, count: count, at: span)
            }
            if var xs = v.takeArray() {
                defer { v = .array(xs) }
                #if DEBUG
                let storage = CopyCounter.storage(of: xs)
                defer { CopyCounter.note(storage, xs) }
                #endif
                return try body(&xs[i])
            }
        }
        if case .dictionary = v {
            guard let key = DictionaryKey(index[0]) else {
                throw ScriptError("type '\(index[0].typeName)' cannot be a dictionary key", at: span)
            }
            if var d = v.takeDictionary() {
                defer { v = .dictionary(d) }
                var result: Value = .void
                let existed = try d.modifyValue(at: key) { slot in result = try body(&slot) }
                if existed {
                    if d[key]?.isNil == true { d.removeValue(forKey: key) }
                    return result
                }
                var slot = index.count == 2 && labels[1] == "default" ? index[1] : .nil
                result = try body(&slot)
                if !slot.isNil { d[key] = slot }
                return result
            }
        }
        switch v {
        case .object(let o):
            var current = try subscriptGet(v, index, labels: labels, span: span)
            let result = try body(&current)
            if let setter = o.type.methods["setSubscript"] {
                _ = try callHost(setter, index + [current], labels: labels + ["value"], receiver: o.base, span: span)
            }
            return result
        default: break
        }
        throw ScriptError("cannot assign through subscript of a value of type '\(v.typeName)'", at: span)
    }

    /// "index out of range: 5 (array has 3 elements)", for subscripts and array methods alike.
    static func outOfRange(_ i: Int, count: Int, at span: Span) -> ScriptError {
        ScriptError("index out of range: \(i) (array has \(count) element\(count == 1 ? "" : "s"))", at: span)
    }
}
