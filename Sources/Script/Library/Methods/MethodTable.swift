/// Every builtin member of arrays, ranges, strings, dictionaries and numbers, by receiver kind
/// and name. The declarations live in the `*Methods.swift` files beside this one; to add a member,
/// add an entry there (see CONTRIBUTING.md, "Adding a builtin method").
enum MethodTable {
    static let all: [BuiltinMethod] = sequenceMethods + arrayMethods + stringMethods + dictionaryMethods
        + numberMethods

    /// One receiver kind's members by name.
    private struct Members {
        var properties: [String: BuiltinMethod] = [:]
        /// Overloads in declaration order; a call takes the first whose labels and types fit.
        var methods: [String: [BuiltinMethod]] = [:]
    }

    private static let members: [Members] = {
        var table = [Members](repeating: Members(), count: Receiver.allCases.count)
        for entry in all {
            for r in entry.receivers {
                if entry.isProperty {
                    table[r.rawValue].properties[entry.name] = entry
                } else {
                    table[r.rawValue].methods[entry.name, default: []].append(entry)
                }
            }
        }
        return table
    }()

    /// The property `name` of `receiver`, if declared.
    static func property(_ receiver: Receiver, _ name: String) -> BuiltinMethod? {
        members[receiver.rawValue].properties[name]
    }

    /// The overloads of method `name` of `receiver`, in declaration order.
    static func methods(_ receiver: Receiver, _ name: String) -> [BuiltinMethod] {
        members[receiver.rawValue].methods[name] ?? []
    }

    /// Property and method names, for "did you mean".
    static func memberNames(_ receiver: Receiver) -> [String] {
        let m = members[receiver.rawValue]
        return Array(Set(m.properties.keys).union(m.methods.keys)).sorted()
    }

    /// Whether `name` changes a `receiver` in place (and so is refused on a `let`).
    static func isMutating(_ receiver: Receiver, _ name: String) -> Bool {
        methods(receiver, name).contains(where: \.isMutating)
    }

    /// Names that mutate some receiver: calls to them on variables compile to in-place code.
    static let mutatingNames: Set<String> = Set(all.filter(\.isMutating).map(\.name))
}
