/// "Did you mean" suggestions by edit distance.
enum Suggestions {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        closestMatch(to: name, in: candidates)
    }

    /// `; did you mean 'x'?` or "".
    static func suffix(_ name: String, _ candidates: [String]) -> String {
        (closest(to: name, in: candidates) ?? alias(name, candidates)).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Names from other languages that people type out of habit, and their Swift spelling.
    private static let aliases: [String: String] = [
        "length": "count", "size": "count", "len": "count", "push": "append", "add": "append",
        "toUpperCase": "uppercased", "toLowerCase": "lowercased", "upper": "uppercased", "lower": "lowercased",
        "startsWith": "hasPrefix", "endsWith": "hasSuffix", "includes": "contains", "join": "joined",
        "sort": "sorted", "reverse": "reversed", "pop": "removeLast", "replace": "replacingOccurrences",
        "len_": "count", "Print": "print", "println": "print", "console": "print",
    ]

    /// The Swift name for a habit from another language (`length` → `count`), even misspelt.
    static func alias(_ name: String, _ candidates: [String]) -> String? {
        let key = aliases[name] != nil ? name : closest(to: name, in: Array(aliases.keys))
        guard let key, let target = aliases[key], candidates.contains(target) else { return nil }
        return target
    }

    /// `; did you mean 'T'?` for an unknown type: the closest name, else the longest known name the
    /// written one starts with or is the start of ("EvaluationResult" → "Evaluation"), or "".
    static func typeSuffix(_ name: String, _ candidates: [String]) -> String {
        let lower = name.lowercased()
        let related = candidates.filter { c in
            let other = c.lowercased()
            return min(c.count, name.count) >= 3 && (lower.hasPrefix(other) || other.hasPrefix(lower))
        }
        let pick = closest(to: name, in: candidates) ?? related.max { ($0.count, $1) < ($1.count, $0) }
        return pick.map { "; did you mean '\($0)'?" } ?? ""
    }
}
