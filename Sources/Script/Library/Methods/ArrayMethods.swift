/// The properties of arrays and ranges, a range's own members, and the methods that change an
/// array in place.
extension MethodTable {
    static let arrayMethods: [BuiltinMethod] = properties + rangeMembers + mutations

    private static let properties: [BuiltinMethod] = [
        .property("count", on: [.array], "The number of elements.") { c in
            if case .array(let xs) = c.receiver { return .int(xs.count) }
            return .int(try c.elements().count)
        },
        .property("isEmpty", on: Receiver.arrays, "Whether there are no elements.") { c in
            if case .range(let r) = c.receiver { return .bool(r.count == 0) }
            return .bool(try c.elements().isEmpty)
        },
        .property("first", on: Receiver.arrays, "The first element, or nil if empty.") { c in
            try c.elements().first ?? .nil
        },
        .property("last", on: Receiver.arrays,
                  "The last element, or nil if empty.") { c in try c.elements().last ?? .nil },
        .property("indices", on: Receiver.arrays, "The valid indices, `0..<count`.") { c in
            .range(RangeValue(lower: 0, upper: try c.elements().count, closed: false))
        },
        .property("description", on: Receiver.arrays, "The elements as text, as `print` shows them.") { c in
            .string(Value.array(try c.elements()).description)
        },
    ]

    private static let rangeMembers: [BuiltinMethod] = [
        .property("lowerBound", on: [.range], "The first value.") { c in .int(c.range.lower) },
        .property("upperBound", on: [.range],
                  "The end: excluded for `..<`, included for `...`.") { c in .int(c.range.upper) },
        .property("count", on: [.range],
                  "The number of values (without expanding the range).") { c in .int(c.range.count) },
        .method("contains", on: [.range], [.positional("element")], "Whether the value lies in the range.") { c in
            let r = c.range
            if case .int(let x) = c.args[0], r.step == nil {
                return .bool(x >= r.lower && (r.closed ? x <= r.upper : x < r.upper))
            }
            return .bool(try c.elements().contains { Operators.equal($0, c.args[0]) == true })
        },
        .method("contains", on: [.interval], [.positional("value", .double)],
                "Whether the number lies in the closed range.") { c in
            guard case .tuple(let t) = c.receiver else { return .bool(false) }
            let x = c.double(0)
            return .bool(x >= (t.elements[0].doubleValue ?? 0) && x <= (t.elements[1].doubleValue ?? 0))
        },
    ]

    private static let mutations: [BuiltinMethod] = [
        .mutating("append", on: [.array], [.positional("newElement")], "Adds the element at the end.") { v, c in
            c.modifyArray(&v) { xs in xs.append(c.args[0]); return .void }
        },
        .mutating("append", on: [.array], [.labeled("contentsOf")],
                  "Adds the elements of an array at the end.") { v, c in
            guard let ys = c.args[0].arrayValue else { throw c.typeError(0, "[Element]") }
            return try c.modifyArray(&v) { xs in
                let count = xs.count &+ ys.count
                try Allocation.check(Allocation.arrayBytes(count), grownFrom: Allocation.arrayBytes(xs.count),
                                     Allocation.describe(count, "an array"), at: c.span)
                xs.append(contentsOf: ys)
                return .void
            }
        },
        .mutating("insert", on: [.array], [.positional("newElement"), .labeled("at", .int)],
                  "Inserts the element before index `at` (`count` appends).") { v, c in
            try c.modifyArray(&v) { xs in
                let i = c.int(1)
                guard i >= 0 && i <= xs.count else { throw c.outOfRange(i, count: xs.count) }
                xs.insert(c.args[0], at: i)
                return .void
            }
        },
        .mutating("remove", on: [.array], [.labeled("at", .int)],
                  "Removes and returns the element at the index.") { v, c in
            try c.modifyArray(&v) { xs in
                let i = c.int(0)
                guard i >= 0 && i < xs.count else { throw c.outOfRange(i, count: xs.count) }
                return xs.remove(at: i)
            }
        },
        removeEnd("removeFirst", "Removes and returns the first element; an error if empty."),
        removeEnd("removeLast", "Removes and returns the last element; an error if empty."),
        .mutating("popLast", on: [.array], "Removes and returns the last element, or nil if empty.") { v, c in
            c.modifyArray(&v) { xs in xs.popLast() ?? .nil }
        },
        .mutating("removeAll", on: [.array], "Removes every element.") { v, c in
            c.modifyArray(&v) { xs in xs.removeAll(); return .void }
        },
        .mutating("removeAll", on: [.array], [.labeled("where", .function)],
                  "Removes the elements the closure returns true for.") { v, c in
            try c.modifyArray(&v) { xs in
                var kept: [Value] = []
                for x in xs where !(try c.test(0, x)) { kept.append(x) }
                xs = kept
                return .void
            }
        },
        sort([], "Sorts the elements in ascending order."),
        sort([.labeled("by", .function)], "Sorts the elements by the closure."),
        .mutating("reverse", on: [.array], "Reverses the elements.") { v, c in
            c.modifyArray(&v) { xs in xs.reverse(); return .void }
        },
        .mutating("shuffle", on: [.array], "Shuffles the elements (from the notebook's seeded generator).") { v, c in
            c.modifyArray(&v) { xs in xs.shuffle(using: &c.interp.random); return .void }
        },
        .mutating("swapAt", on: [.array], [.positional("i", .int), .positional("j", .int)],
                  "Exchanges the elements at two indices.") { v, c in
            try c.modifyArray(&v) { xs in
                let i = c.int(0), j = c.int(1)
                guard xs.indices.contains(i), xs.indices.contains(j) else {
                    throw c.error("index out of range in swapAt(\(i), \(j)) (array has \(xs.count) elements)")
                }
                xs.swapAt(i, j)
                return .void
            }
        },
    ]

    /// `removeFirst()` and `removeLast()`, an error on an empty array.
    private static func removeEnd(_ name: String, _ doc: String) -> BuiltinMethod {
        .mutating(name, on: [.array], doc) { v, c in
            try c.modifyArray(&v) { xs in
                guard !xs.isEmpty else {
                    let end = name == "removeLast" ? "last" : "first"
                    throw c.error("can't remove \(end) element from an empty collection")
                }
                return name == "removeLast" ? xs.removeLast() : xs.removeFirst()
            }
        }
    }

    /// `sort()` and `sort(by:)`: `sorted` in place.
    private static func sort(_ parameters: [Parameter], _ doc: String) -> BuiltinMethod {
        .mutating("sort", on: [.array], parameters, doc) { v, c in
            guard case .array = v else { return .nil }
            let sorted = methods(.array, "sorted").first { $0.parameters.count == parameters.count }
            guard case .method(let body)? = sorted?.implementation else { return .nil }
            let call = MethodCall(name: "sorted", receiver: v, args: c.args, span: c.span, interp: c.interp)
            v = try body(call)
            return .void
        }
    }
}
