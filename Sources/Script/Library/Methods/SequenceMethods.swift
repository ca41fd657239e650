/// Members that read a sequence: arrays and ranges, and where Swift has them, strings (as
/// characters) and dictionaries (as `(key:value:)` pairs).
extension MethodTable {
    static let sequenceMethods: [BuiltinMethod] = transforms + searches + orderings + slices

    private static let transforms: [BuiltinMethod] = [
        .method("map", on: Receiver.sequences, [.positional("transform", .function)],
                "The closure's result for each element, in order.") { c in
            var out: [Value] = []
            let xs = try c.elements()
            out.reserveCapacity(xs.count)
            for x in xs { out.append(try c.call(0, [x])) }
            return .array(out)
        },
        .method("filter", on: [.array, .range, .string], [.positional("isIncluded", .function)],
                "The elements for which the closure returns true.") { c in
            .array(try c.elements().filter { try c.test(0, $0) })
        },
        .method("compactMap", on: Receiver.sequences, [.positional("transform", .function)],
                "The closure's non-nil results.") { c in
            .array(try c.elements().map { try c.call(0, [$0]) }.filter { !$0.isNil })
        },
        .method("flatMap", on: Receiver.arrays, [.positional("transform", .function)],
                "The closure's results joined into one array (a non-array result counts as one element).") { c in
            .array(try c.elements().flatMap { x -> [Value] in
                let r = try c.call(0, [x])
                return r.arrayValue ?? [r]
            })
        },
        .method("forEach", on: Receiver.sequences, [.positional("body", .function)],
                "Calls the closure on each element.") { c in
            for x in try c.elements() { _ = try c.call(0, [x]) }
            return .void
        },
        .method("reduce", on: [.array, .range, .dictionary],
                [.positional("initialResult"), .positional("next", .function)],
                "Combines the elements from `initialResult` with the closure: `xs.reduce(0, +)`.") { c in
            var acc = c.args[0]
            let xs = try c.elements()
            // `doubles.reduce(0, +)`: Swift types the literal 0 as Double; an Int start adapts.
            if case .int(let i) = acc, case .double? = xs.first { acc = .double(Double(i)) }
            for x in xs { acc = try c.call(1, [acc, x]) }
            return acc
        },
        .method("reduce", on: [.array, .range, .dictionary],
                [.labeled("into"), .positional("updateAccumulatingResult", .function)],
                "Updates the accumulator in place for each element: `xs.reduce(into: [:]) { $0[$1] = 1 }`.") { c in
            var acc = c.args[0]
            for x in try c.elements() { acc = try c.interp.callUpdatingFirst(c.args[1], acc, [x], span: c.span) }
            return acc
        },
        .method("enumerated", on: [.array, .range, .string],
                "`(offset:element:)` pairs: `for (i, x) in xs.enumerated()`.") { c in
            .array(try c.elements().enumerated().map {
                .tuple(TupleValue([.int($0), $1], labels: ["offset", "element"]))
            })
        },
        .method("joined", on: Receiver.arrays, [.labeled("separator", .string, default: .string(""))],
                "The elements as text, with the separator between them.") { c in
            .string(try c.elements().map(\.description).joined(separator: c.string(0)))
        },
    ]

    private static let searches: [BuiltinMethod] = [
        .method("contains", on: [.array], [.positional("element")], "Whether some element equals the argument.") { c in
            .bool(try c.elements().contains { Operators.equal($0, c.args[0]) == true })
        },
        .method("contains", on: Receiver.sequences, [.labeled("where", .function)],
                "Whether the closure returns true for some element.") { c in
            for x in try c.elements() where try c.test(0, x) { return .bool(true) }
            return .bool(false)
        },
        .method("allSatisfy", on: Receiver.arrays, [.positional("predicate", .function)],
                "Whether the closure returns true for every element.") { c in
            for x in try c.elements() where !(try c.test(0, x)) { return .bool(false) }
            return .bool(true)
        },
        .method("count", on: Receiver.arrays, [.labeled("where", .function)],
                "How many elements the closure returns true for.") { c in
            .int(try c.elements().filter { try c.test(0, $0) }.count)
        },
        .method("first", on: [.array, .range, .dictionary], [.labeled("where", .function)],
                "The first element the closure returns true for, or nil.") { c in
            for x in try c.elements() where try c.test(0, x) { return x }
            return .nil
        },
        .method("last", on: Receiver.arrays, [.labeled("where", .function)],
                "The last element the closure returns true for, or nil.") { c in
            for x in try c.elements().reversed() where try c.test(0, x) { return x }
            return .nil
        },
        indexSearch("firstIndex", [.labeled("of")], "The index of the first element equal to the argument, or nil."),
        indexSearch("firstIndex", [.labeled("where", .function)],
                    "The index of the first element the closure accepts, or nil."),
        indexSearch("lastIndex", [.labeled("of")], "The index of the last element equal to the argument, or nil."),
        indexSearch("lastIndex", [.labeled("where", .function)],
                    "The index of the last element the closure accepts, or nil."),
        .method("randomElement", on: Receiver.arrays,
                "A random element (from the notebook's seeded generator), or nil.") { c in
            try c.elements().randomElement(using: &c.interp.random) ?? .nil
        },
    ]

    /// `firstIndex`/`lastIndex`, by equality (`of:`) or by closure (`where:`).
    private static func indexSearch(_ name: String, _ parameters: [Parameter], _ doc: String) -> BuiltinMethod {
        .method(name, on: Receiver.arrays, parameters, doc) { c in
            let xs = try c.elements()
            let byClosure = parameters[0].label == "where"
            for i in name == "firstIndex" ? Array(xs.indices) : xs.indices.reversed() {
                if byClosure ? try c.test(0, xs[i]) : Operators.equal(xs[i], c.args[0]) == true { return .int(i) }
            }
            return .nil
        }
    }
}
