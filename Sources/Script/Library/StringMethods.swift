import Foundation

let stringMembers = [
    "count", "isEmpty", "first", "last", "uppercased", "lowercased", "hasPrefix", "hasSuffix", "contains",
    "split", "components", "replacingOccurrences", "trimmingCharacters", "reversed", "prefix", "suffix",
    "dropFirst", "dropLast", "append", "description", "capitalized",
]

extension Library {
    static func stringProperty(_ s: String, _ name: String) -> Value? {
        switch name {
        case "count": return .int(s.count)
        case "isEmpty": return .bool(s.isEmpty)
        case "first": return s.first.map { .string(String($0)) } ?? .nil
        case "last": return s.last.map { .string(String($0)) } ?? .nil
        case "description": return .string(s)
        case "capitalized": return .string(s.capitalized)
        case "whitespaces", "whitespacesAndNewlines": return nil
        default: return nil
        }
    }

    static func stringMethod(_ s: String, _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "uppercased": try c.expect([]); return .string(s.uppercased())
        case "lowercased": try c.expect([]); return .string(s.lowercased())
        case "hasPrefix": try c.expect([nil]); return .bool(s.hasPrefix(try c.string(0)))
        case "hasSuffix": try c.expect([nil]); return .bool(s.hasSuffix(try c.string(0)))
        case "contains":
            if try c.expectOneOf([[nil], ["where"]]) == 1 {
                for ch in s where try c.bool(try c.call(0, [.string(String(ch))])) { return .bool(true) }
                return .bool(false)
            }
            let needle = try c.string(0)
            return .bool(needle.isEmpty || s.contains(needle))
        case "split":
            try c.expect(["separator"])
            let sep = try c.string(0)
            guard sep.count == 1, let ch = sep.first else { throw c.error("split(separator:) takes a single character, got \"\(sep)\"") }
            return .array(s.split(separator: ch).map { .string(String($0)) })
        case "components":
            try c.expect(["separatedBy"])
            return .array(s.components(separatedBy: try c.string(0)).map { .string($0) })
        case "replacingOccurrences":
            try c.expect(["of", "with"])
            return .string(s.replacingOccurrences(of: try c.string(0), with: try c.string(1)))
        case "trimmingCharacters":
            try c.expect(["in"])
            let set: CharacterSet = c.args[0].symbolValue == "whitespaces" ? .whitespaces : .whitespacesAndNewlines
            return .string(s.trimmingCharacters(in: set))
        case "reversed": try c.expect([]); return .string(String(s.reversed()))
        case "prefix", "suffix", "dropFirst", "dropLast":
            let n = try c.expectOneOf([[nil], []]) == 0 ? try c.int(0) : 1
            guard n >= 0 else { throw c.error("can't take a negative number of characters (\(n))") }
            switch c.name {
            case "prefix": return .string(String(s.prefix(n)))
            case "suffix": return .string(String(s.suffix(n)))
            case "dropFirst": return .string(String(s.dropFirst(n)))
            default: return .string(String(s.dropLast(n)))
            }
        case "map", "filter", "forEach", "enumerated", "sorted", "compactMap":
            return try arrayMethod(s.map { .string(String($0)) }, c)
        default: return nil
        }
    }
}
