/// Members that order or slice a sequence.
extension MethodTable {
    static let orderings: [BuiltinMethod] = [
        ordering("sorted", [], "The elements in ascending order."),
        ordering("sorted", [by], "The elements ordered by the closure (`sorted(by: >)`)."),
        ordering("min", [], "The smallest element, or nil if empty."),
        ordering("min", [by], "The smallest element by the closure, or nil if empty."),
        ordering("max", [], "The largest element, or nil if empty."),
        ordering("max", [by], "The largest element by the closure, or nil if empty."),
        .method("reversed", on: [.array, .range, .string],
                "The elements in reverse order (a string stays a string).") { c in
            if case .string(let s) = c.receiver { return .string(String(s.reversed())) }
            return .array(try c.elements().reversed())
        },
        .method("shuffled", on: Receiver.arrays,
                "The elements in random order (from the notebook's seeded generator).") { c in
            .array(try c.elements().shuffled(using: &c.interp.random))
        },
    ]

    static let slices: [BuiltinMethod] = [
        slice("prefix", "The first `k` elements (or characters)."),
        slice("suffix", "The last `k` elements (or characters)."),
        slice("dropFirst", "All but the first `k` elements (or characters)."),
        slice("dropLast", "All but the last `k` elements (or characters)."),
    ]

    private static let by = Parameter.labeled("by", .function)

    /// `sorted`, `min` and `max`, by `<` or by an `areInIncreasingOrder` closure.
    private static func ordering(_ name: String, _ parameters: [Parameter], _ doc: String) -> BuiltinMethod {
        let receivers: [Receiver] = name == "sorted" ? Receiver.sequences : [.array, .range, .dictionary]
        return .method(name, on: receivers, parameters, doc) { c in
            let byClosure = !parameters.isEmpty
            let xs = try c.elements()
            // Swift's sorting takes a non-throwing closure: keep the first error and rethrow it.
            var failure: Error?
            let less: (Value, Value) -> Bool = { a, b in
                do { return byClosure ? try c.bool(try c.call(0, [a, b])) : try c.ordered(a, b) } catch {
                    if failure == nil { failure = error }
                    return false
                }
            }
            let result: Value
            switch name {
            case "sorted": result = .array(xs.sorted(by: less))
            case "min": result = xs.min(by: less) ?? .nil
            default: result = xs.max(by: less) ?? .nil
            }
            if let failure { throw failure }
            return result
        }
    }

    /// `prefix`, `suffix`, `dropFirst`, `dropLast`: arrays give arrays, strings give strings.
    private static func slice(_ name: String, _ doc: String) -> BuiltinMethod {
        .method(name, on: [.array, .range, .string], [.positional("k", .int, default: .int(1))], doc) { c in
            let k = c.int(0)
            let isString = c.receiver.stringValue != nil
            guard k >= 0 else {
                throw c.error("can't take a negative number of \(isString ? "characters" : "elements") (\(k))")
            }
            if isString {
                let s = c.text
                switch name {
                case "prefix": return .string(String(s.prefix(k)))
                case "suffix": return .string(String(s.suffix(k)))
                case "dropFirst": return .string(String(s.dropFirst(k)))
                default: return .string(String(s.dropLast(k)))
                }
            }
            let xs = try c.elements()
            switch name {
            case "prefix": return .array(Array(xs.prefix(k)))
            case "suffix": return .array(Array(xs.suffix(k)))
            case "dropFirst": return .array(Array(xs.dropFirst(k)))
            default: return .array(Array(xs.dropLast(k)))
            }
        }
    }
}
