import Foundation

/// The members of strings of their own (the sequence members are in `SequenceMethods.swift`).
extension MethodTable {
    static let stringMethods: [BuiltinMethod] = [
        .property("count", on: [.string], "The number of characters.") { c in .int(c.text.count) },
        .property("isEmpty", on: [.string], "Whether the string has no characters.") { c in .bool(c.text.isEmpty) },
        .property("first", on: [.string], "The first character, or nil if empty.") { c in
            c.text.first.map { .string(String($0)) } ?? .nil
        },
        .property("last", on: [.string], "The last character, or nil if empty.") { c in
            c.text.last.map { .string(String($0)) } ?? .nil
        },
        .property("description", on: [.string], "The string itself.") { c in c.receiver },
        .property("capitalized", on: [.string], "Each word with its first letter in upper case.") { c in
            .string(c.text.capitalized)
        },
        .method("uppercased", on: [.string], "The string in upper case.") { c in .string(c.text.uppercased()) },
        .method("lowercased", on: [.string], "The string in lower case.") { c in .string(c.text.lowercased()) },
        .method("hasPrefix", on: [.string], [.positional("prefix", .string)],
                "Whether the string starts with `prefix`.") { c in
            .bool(c.text.hasPrefix(c.string(0)))
        },
        .method("hasSuffix", on: [.string], [.positional("suffix", .string)],
                "Whether the string ends with `suffix`.") { c in
            .bool(c.text.hasSuffix(c.string(0)))
        },
        .method("contains", on: [.string], [.positional("other", .string)],
                "Whether `other` occurs in the string.") { c in
            let needle = c.string(0)
            return .bool(needle.isEmpty || c.text.contains(needle))
        },
        .method("split", on: [.string], [.labeled("separator", .string)],
                "The non-empty pieces between occurrences of a one-character separator.") { c in
            let separator = c.string(0)
            guard separator.count == 1, let ch = separator.first else {
                throw c.error("split(separator:) takes a single character, got \"\(separator)\"")
            }
            return .array(c.text.split(separator: ch).map { .string(String($0)) })
        },
        .method("components", on: [.string], [.labeled("separatedBy", .string)],
                "The pieces between occurrences of the separator, empty ones included.") { c in
            .array(c.text.components(separatedBy: c.string(0)).map { .string($0) })
        },
        .method("replacingOccurrences", on: [.string], [.labeled("of", .string), .labeled("with", .string)],
                "The string with every occurrence of `of` replaced by `with`.") { c in
            .string(c.text.replacingOccurrences(of: c.string(0), with: c.string(1)))
        },
        .method("trimmingCharacters", on: [.string],
                [.labeled("in", .oneOf("CharacterSet", ["whitespaces", "whitespacesAndNewlines"]))],
                "The string without leading and trailing `.whitespaces` (or `.whitespacesAndNewlines`).") { c in
            let set: CharacterSet = c.args[0].symbolValue == "whitespaces" ? .whitespaces : .whitespacesAndNewlines
            return .string(c.text.trimmingCharacters(in: set))
        },
        .mutating("append", on: [.string], [.positional("other")], "Adds the text (of any value) at the end.") { v, c in
            let addition = c.args[0].description
            let old = Allocation.count(of: v), bytes = old &+ addition.utf8.count
            try Allocation.check(bytes, grownFrom: old, Allocation.describe(bytes, "a string"), at: c.span)
            guard var s = v.takeString() else { return .nil }
            defer { v = .string(s) }
            s += addition
            return .void
        },
    ]
}
