let dictionaryMembers = [
    "count", "isEmpty", "keys", "values", "first", "map", "mapValues", "filter", "sorted", "forEach", "contains",
    "removeValue", "updateValue", "removeAll", "min", "max", "reduce",
]

extension Library {
    static func pairs(_ d: DictionaryValue) -> [Value] {
        zip(d.keys, d.values).map { .tuple(TupleValue([$0.value, $1], labels: ["key", "value"])) }
    }

    static func dictionaryProperty(_ d: DictionaryValue, _ name: String) -> Value? {
        switch name {
        case "count": return .int(d.count)
        case "isEmpty": return .bool(d.isEmpty)
        case "keys": return .array(d.keys.map(\.value))
        case "values": return .array(d.values)
        case "first": return pairs(d).first ?? .nil
        case "description": return .string(Value.dictionary(d).description)
        default: return nil
        }
    }

    static func dictionaryMethod(_ d: DictionaryValue, _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "mapValues":
            try c.expect([nil])
            var out = DictionaryValue()
            for (k, v) in zip(d.keys, d.values) { out[k] = try c.call(0, [v]) }
            return .dictionary(out)
        case "filter":
            try c.expect([nil])
            var out = DictionaryValue()
            for (k, v) in zip(d.keys, d.values) where try c.bool(try c.call(0, [.tuple(TupleValue([k.value, v], labels: ["key", "value"]))])) {
                out[k] = v
            }
            return .dictionary(out)
        case "map", "sorted", "forEach", "contains", "min", "max", "reduce", "compactMap", "first":
            return try arrayMethod(pairs(d), c)
        default: return nil
        }
    }

    static func mutateDictionary(_ d: inout DictionaryValue, _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "removeValue":
            try c.expect(["forKey"])
            guard let key = DictionaryKey(c.args[0]) else { throw c.typeError(0, "Hashable") }
            return d.removeValue(forKey: key) ?? .nil
        case "updateValue":
            try c.expect([nil, "forKey"])
            guard let key = DictionaryKey(c.args[1]) else { throw c.typeError(1, "Hashable") }
            let old = d[key]
            d[key] = c.args[0]
            return old ?? .nil
        case "removeAll":
            try c.expect([])
            d.removeAll()
            return .void
        default: return nil
        }
    }
}
