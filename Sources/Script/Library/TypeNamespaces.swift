import Foundation
import RunLimits

extension Interpreter {
    /// `Int`, `Double`, `String`, `Bool`, `Array`: conversions and static members.
    func installTypeNamespaces() {
        let int = namespace("Int")
        int.value("max", .int(Int.max))
        int.value("min", .int(Int.min))
        int.constructor([.positional("value")]) { args in
            switch args["value"] {
            case .int(let i): return .int(i)
            case .double(let d):
                guard d.isFinite, d > -9.3e18, d < 9.3e18, let i = Int(exactly: d.rounded(.towardZero)) else {
                    throw HostError("Double value \(d) cannot be converted to Int because it is outside the "
                                    + "representable range")
                }
                return .int(i)
            case .string(let s): return Int(s).map(Value.int) ?? .nil
            case .bool(let b): return .int(b ? 1 : 0)
            case let v: throw HostError("cannot convert value of type '\(v.typeName)' to 'Int'")
            }
        }
        int.function("random", [.labeled("in")]) { [unowned self] args in
            guard case .range(let r) = args["in"], r.step == nil, r.count > 0 else {
                throw HostError("Int.random(in:) needs a non-empty range like 0..<10")
            }
            return .int(r.closed ? Int.random(in: r.lower...r.upper, using: &random)
                                 : Int.random(in: r.lower..<r.upper, using: &random))
        }

        let double = namespace("Double")
        double.value("pi", .double(Double.pi))
        double.value("infinity", .double(Double.infinity))
        double.value("nan", .double(Double.nan))
        double.value("greatestFiniteMagnitude", .double(Double.greatestFiniteMagnitude))
        double.value("ulpOfOne", .double(Double.ulpOfOne))
        double.constructor([.positional("value")]) { args in
            switch args["value"] {
            case .int(let i): return .double(Double(i))
            case .double(let d): return .double(d)
            case .string(let s): return Double(s).map(Value.double) ?? .nil
            case let v: throw HostError("cannot convert value of type '\(v.typeName)' to 'Double'")
            }
        }
        double.function("random", [.labeled("in")]) { [unowned self] args in
            let lo: Double, hi: Double
            switch args["in"] {
            case .range(let r): (lo, hi) = (Double(r.lower), Double(r.upper))
            case .tuple(let t) where t.labels == ["lowerBound", "upperBound"]:
                (lo, hi) = (t.elements[0].doubleValue ?? 0, t.elements[1].doubleValue ?? 1)
            case let v: throw HostError("Double.random(in:) needs a range like 0.0..<1.0, got '\(v.typeName)'")
            }
            // Swift traps on an empty or infinite range; here it is an error at the call.
            guard lo.isFinite, hi.isFinite, lo <= hi, (hi - lo).isFinite else {
                throw HostError("Double.random(in:) needs a finite range whose lower bound is not above its upper, "
                                + "got \(lo)...\(hi)")
            }
            return .double(Double.random(in: lo...hi, using: &random))
        }
        namespaces["Float"] = double

        let string = namespace("String")
        string.constructor([.positional("value")]) { args in
            if case .array(let xs) = args["value"], xs.allSatisfy({ ($0.stringValue?.count ?? 0) == 1 }), !xs.isEmpty {
                return .string(xs.map(\.description).joined())
            }
            return .string(args["value"].description)
        }
        string.constructor([.labeled("format", .string), .variadic("arguments")]) { args in
            .string(try Formatter.format(args.string("format"), args.array("arguments")))
        }
        string.constructor([.labeled("repeating", .string), .labeled("count", .int)]) { args in
            let n = args.int("count"), unit = args.string("repeating")
            guard n >= 0 else { throw HostError("can't construct String with count < 0 (got \(n))") }
            let bytes = ByteCount.product(n, unit.utf8.count)
            try Allocation.check(bytes, Allocation.describe(bytes, "a string"))
            return .string(String(repeating: unit, count: n))
        }
        string.constructor([.labeled("describing")]) { args in .string(args["describing"].description) }

        let bool = namespace("Bool")
        bool.constructor([.positional("value")]) { args in
            switch args["value"] {
            case .bool(let b): return .bool(b)
            case .string(let s): return Bool(s).map(Value.bool) ?? .nil
            case let v: throw HostError("cannot convert value of type '\(v.typeName)' to 'Bool'")
            }
        }
        bool.function("random") { [unowned self] _ in .bool(Bool.random(using: &random)) }

        let array = namespace("Array")
        array.constructor([.positional("sequence")]) { args in
            let v = args["sequence"]
            if case .range(let r) = v, r.count > Library.maxElements {
                throw HostError("range of \(r.count) elements is too large to turn into an array (limit "
                                + "\(Library.maxElements))")
            }
            if let xs = v.arrayValue { return .array(xs) }
            if case .string(let s) = v { return .array(s.map { .string(String($0)) }) }
            if case .dictionary(let d) = v { return .array(Library.pairs(d)) }
            throw HostError("cannot make an Array from a value of type '\(v.typeName)'")
        }
        array.constructor([.labeled("repeating"), .labeled("count", .int)]) { args in
            let n = args.int("count")
            guard n >= 0 else { throw HostError("can't construct Array with count < 0 (got \(n))") }
            guard n <= Library.maxElements else {
                throw HostError("Array count \(n) is too large (limit \(Library.maxElements))")
            }
            try Allocation.check(Allocation.arrayBytes(n), Allocation.describe(n, "an array"))
            return .array(Array(repeating: args["repeating"], count: n))
        }
        array.constructor([]) { _ in .array([]) }
        let dictionary = namespace("Dictionary")
        dictionary.constructor([]) { _ in .dictionary(DictionaryValue()) }
        dictionary.constructor([.labeled("uniqueKeysWithValues", .array(.any))]) { args in
            var d = DictionaryValue()
            for pair in args.array("uniqueKeysWithValues") {
                guard case .tuple(let t) = pair, t.elements.count == 2, let key = DictionaryKey(t.elements[0]) else {
                    throw HostError("uniqueKeysWithValues needs (key, value) pairs, got '\(pair.typeName)'")
                }
                guard d[key] == nil else {
                    throw HostError("duplicate key \(t.elements[0].debugDescription) in uniqueKeysWithValues")
                }
                d[key] = t.elements[1]
            }
            return .dictionary(d)
        }
    }
}
