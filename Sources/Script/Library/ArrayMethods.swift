let arrayMembers = [
    "count", "isEmpty", "first", "last", "indices", "map", "filter", "reduce", "compactMap", "flatMap", "forEach",
    "sorted", "reversed", "contains", "firstIndex", "lastIndex", "joined", "enumerated", "min", "max", "prefix",
    "suffix", "dropFirst", "dropLast", "allSatisfy", "shuffled", "randomElement", "append", "insert", "remove",
    "removeLast", "removeFirst", "removeAll", "popLast", "sort", "reverse", "shuffle", "swapAt",
]

extension Library {
    static func arrayProperty(_ xs: [Value], _ name: String) -> Value? {
        switch name {
        case "count": return .int(xs.count)
        case "isEmpty": return .bool(xs.isEmpty)
        case "first": return xs.first ?? .nil
        case "last": return xs.last ?? .nil
        case "indices": return .range(RangeValue(lower: 0, upper: xs.count, closed: false))
        case "description": return .string(Value.array(xs).description)
        default: return nil
        }
    }

    static func arrayMethod(_ xs: [Value], _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "map":
            try c.expect([nil])
            var out: [Value] = []
            out.reserveCapacity(xs.count)
            for x in xs { out.append(try c.call(0, [x])) }
            return .array(out)
        case "filter":
            try c.expect([nil])
            return .array(try xs.filter { try c.bool(try c.call(0, [$0])) })
        case "compactMap":
            try c.expect([nil])
            return .array(try xs.map { try c.call(0, [$0]) }.filter { !$0.isNil })
        case "flatMap":
            try c.expect([nil])
            return .array(try xs.flatMap { x -> [Value] in
                let r = try c.call(0, [x])
                return r.arrayValue ?? [r]
            })
        case "forEach":
            try c.expect([nil])
            for x in xs { _ = try c.call(0, [x]) }
            return .void
        case "reduce" where c.fits(["into", nil]):
            var acc = c.args[0]
            for x in xs { acc = try c.interp.callUpdatingFirst(c.args[1], acc, [x], span: c.span) }
            return acc
        case "reduce":
            try c.expect([nil, nil])
            var acc = c.args[0]
            // `doubles.reduce(0, +)`: Swift types the literal 0 as Double; an Int start adapts.
            if case .int(let i) = acc, case .double? = xs.first { acc = .double(Double(i)) }
            for x in xs { acc = try c.call(1, [acc, x]) }
            return acc
        case "sorted", "min", "max":
            let byClosure = try c.expectOneOf([[], ["by"]]) == 1
            var failure: Error?
            let less: (Value, Value) -> Bool = { a, b in
                do { return byClosure ? try c.bool(try c.call(0, [a, b])) : try c.ordered(a, b) } catch {
                    if failure == nil { failure = error }
                    return false
                }
            }
            if c.name == "sorted" {
                let sorted = xs.sorted(by: less)
                if let failure { throw failure }
                return .array(sorted)
            }
            let result = c.name == "min" ? xs.min(by: less) : xs.max(by: less)
            if let failure { throw failure }
            return result ?? .nil
        case "reversed":
            try c.expect([])
            return .array(xs.reversed())
        case "shuffled":
            try c.expect([])
            return .array(xs.shuffled(using: &c.interp.random))
        case "randomElement":
            try c.expect([])
            return xs.randomElement(using: &c.interp.random) ?? .nil
        case "contains":
            if try c.expectOneOf([[nil], ["where"]]) == 1 {
                for x in xs where try c.bool(try c.call(0, [x])) { return .bool(true) }
                return .bool(false)
            }
            return .bool(xs.contains { Operators.equal($0, c.args[0]) == true })
        case "allSatisfy":
            try c.expect([nil])
            for x in xs where !(try c.bool(try c.call(0, [x]))) { return .bool(false) }
            return .bool(true)
        case "count":
            try c.expect(["where"])
            return .int(try xs.filter { try c.bool(try c.call(0, [$0])) }.count)
        case "firstIndex", "lastIndex":
            let byWhere = try c.expectOneOf([["of"], ["where"]]) == 1
            let indices = c.name == "firstIndex" ? Array(xs.indices) : xs.indices.reversed()
            for i in indices {
                let hit = byWhere ? try c.bool(try c.call(0, [xs[i]])) : Operators.equal(xs[i], c.args[0]) == true
                if hit { return .int(i) }
            }
            return .nil
        case "first", "last":
            try c.expect(["where"])
            let ordered = c.name == "first" ? xs : xs.reversed()
            for x in ordered where try c.bool(try c.call(0, [x])) { return x }
            return .nil
        case "joined":
            let sep = try c.expectOneOf([[], ["separator"]]) == 1 ? try c.string(0) : ""
            return .string(xs.map(\.description).joined(separator: sep))
        case "enumerated":
            try c.expect([])
            return .array(xs.enumerated().map { .tuple(TupleValue([.int($0), $1], labels: ["offset", "element"])) })
        case "prefix", "suffix", "dropFirst", "dropLast":
            let n = try c.expectOneOf([[nil], []]) == 0 ? try c.int(0) : 1
            guard n >= 0 else { throw c.error("can't take a negative number of elements (\(n))") }
            switch c.name {
            case "prefix": return .array(Array(xs.prefix(n)))
            case "suffix": return .array(Array(xs.suffix(n)))
            case "dropFirst": return .array(Array(xs.dropFirst(n)))
            default: return .array(Array(xs.dropLast(n)))
            }
        default: return nil
        }
    }

    static func mutateArray(_ xs: inout [Value], _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "append":
            if try c.expectOneOf([[nil], ["contentsOf"]]) == 1 {
                guard let ys = c.args[0].arrayValue else { throw c.typeError(0, "[Element]") }
                let count = xs.count &+ ys.count
                try Allocation.check(Allocation.arrayBytes(count), grownFrom: Allocation.arrayBytes(xs.count),
                                     Allocation.describe(count, "an array"), at: c.span)
                xs.append(contentsOf: ys)
            } else {
                xs.append(c.args[0])
            }
            return .void
        case "insert":
            try c.expect([nil, "at"])
            let i = try c.int(1)
            guard i >= 0 && i <= xs.count else { throw c.error("index out of range: \(i) (array has \(xs.count) element\(xs.count == 1 ? "" : "s"))") }
            xs.insert(c.args[0], at: i)
            return .void
        case "remove":
            try c.expect(["at"])
            let i = try c.int(0)
            guard i >= 0 && i < xs.count else { throw c.error("index out of range: \(i) (array has \(xs.count) element\(xs.count == 1 ? "" : "s"))") }
            return xs.remove(at: i)
        case "removeLast", "removeFirst":
            try c.expect([])
            guard !xs.isEmpty else { throw c.error("can't remove \(c.name == "removeLast" ? "last" : "first") element from an empty collection") }
            return c.name == "removeLast" ? xs.removeLast() : xs.removeFirst()
        case "popLast":
            try c.expect([])
            return xs.popLast() ?? .nil
        case "removeAll":
            if try c.expectOneOf([[], ["where"]]) == 1 {
                var kept: [Value] = []
                for x in xs where !(try c.bool(try c.call(0, [x]))) { kept.append(x) }
                xs = kept
            } else {
                xs.removeAll()
            }
            return .void
        case "sort":
            let sorted = try arrayMethod(xs, MethodCall(name: "sorted", args: c.args,
                                                        labels: c.labels, span: c.span, interp: c.interp))
            if case .array(let ys)? = sorted { xs = ys }
            return .void
        case "reverse":
            try c.expect([])
            xs.reverse()
            return .void
        case "shuffle":
            try c.expect([])
            xs.shuffle(using: &c.interp.random)
            return .void
        case "swapAt":
            try c.expect([nil, nil])
            let i = try c.int(0), j = try c.int(1)
            guard xs.indices.contains(i), xs.indices.contains(j) else { throw c.error("index out of range in swapAt(\(i), \(j)) (array has \(xs.count) elements)") }
            xs.swapAt(i, j)
            return .void
        default: return nil
        }
    }
}
