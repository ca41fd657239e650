extension Value {
    // These move a collection out of a variable's storage, leaving `.void`, so the caller holds
    // the only reference and Swift mutates it in place instead of copying it. (A `switch` over
    // the stored value would keep a second reference alive and force a copy per mutation.)

    @inline(__always) mutating func takeArray() -> [Value]? {
        guard case .array(let xs) = self else { return nil }
        self = .void
        return xs
    }

    @inline(__always) mutating func takeString() -> String? {
        guard case .string(let s) = self else { return nil }
        self = .void
        return s
    }

    @inline(__always) mutating func takeDictionary() -> DictionaryValue? {
        guard case .dictionary(let d) = self else { return nil }
        self = .void
        return d
    }

    @inline(__always) mutating func takeTuple() -> TupleValue? {
        guard case .tuple(let t) = self else { return nil }
        self = .void
        return t
    }
}

extension Value {
    /// `xs.append(v)` in place on an array value; false if this is not an array. The array is
    /// moved out and back (`consume`), so appending neither copies nor touches reference counts.
    @inline(__always) mutating func appendInPlace(_ v: Value) -> Bool {
        guard case .array = self, var xs = takeArray() else { return false }
        xs.append(v)
        self = .array(consume xs)
        return true
    }
}
