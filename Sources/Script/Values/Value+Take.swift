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
