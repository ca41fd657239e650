/// The members of dictionaries of their own (the sequence members, over `(key:value:)` pairs, are
/// in `SequenceMethods.swift`).
extension MethodTable {
    static let dictionaryMethods: [BuiltinMethod] = [
        .property("count", on: [.dictionary], "The number of entries.") { c in .int(c.dictionary.count) },
        .property("isEmpty", on: [.dictionary], "Whether there are no entries.") { c in .bool(c.dictionary.isEmpty) },
        .property("keys", on: [.dictionary],
                  "The keys, in insertion order.") { c in .array(c.dictionary.keys.map(\.value)) },
        .property("values", on: [.dictionary], "The values, in insertion order.") { c in .array(c.dictionary.values) },
        .property("first", on: [.dictionary], "The first `(key:value:)` pair, or nil if empty.") { c in
            Library.pairs(c.dictionary).first ?? .nil
        },
        .property("description", on: [.dictionary], "The entries as text, as `print` shows them.") { c in
            .string(c.receiver.description)
        },
        .method("mapValues", on: [.dictionary], [.positional("transform", .function)],
                "The same keys with the closure's result for each value.") { c in
            var out = DictionaryValue()
            let d = c.dictionary
            for (k, v) in zip(d.keys, d.values) { out[k] = try c.call(0, [v]) }
            return .dictionary(out)
        },
        .method("filter", on: [.dictionary], [.positional("isIncluded", .function)],
                "The entries whose `(key:value:)` pair the closure returns true for, as a dictionary.") { c in
            var out = DictionaryValue()
            let d = c.dictionary
            for (k, v) in zip(d.keys, d.values)
            where try c.test(0, .tuple(TupleValue([k.value, v], labels: ["key", "value"]))) {
                out[k] = v
            }
            return .dictionary(out)
        },
        .mutating("removeValue", on: [.dictionary], [.labeled("forKey")],
                  "Removes the key's entry and returns its value, or nil if absent.") { v, c in
            guard let key = DictionaryKey(c.args[0]) else { throw c.typeError(0, "Hashable") }
            return c.modifyDictionary(&v) { d in d.removeValue(forKey: key) ?? .nil }
        },
        .mutating("updateValue", on: [.dictionary], [.positional("value"), .labeled("forKey")],
                  "Sets the key's value and returns the old one, or nil if it was absent.") { v, c in
            guard let key = DictionaryKey(c.args[1]) else { throw c.typeError(1, "Hashable") }
            return c.modifyDictionary(&v) { d in
                let old = d[key]
                d[key] = c.args[0]
                return old ?? .nil
            }
        },
        .mutating("removeAll", on: [.dictionary], "Removes every entry.") { v, c in
            c.modifyDictionary(&v) { d in d.removeAll(); return .void }
        },
    ]
}
