/// Matches call arguments to parameters by Swift's rules: arguments in parameter order, each
/// with the parameter's label; parameters with defaults may be skipped; a variadic parameter
/// takes the following unlabelled arguments. Produces swiftc-style messages on mismatch.
struct ArgumentMatcher {
    /// What matching needs of one parameter.
    struct Slot {
        var label: String?
        var name: String
        var hasDefault: Bool
        var variadic: Bool
    }

    let slots: [Slot]

    init(slots: [Slot]) {
        self.slots = slots
    }

    /// The slots of a host function's or builtin method's parameters.
    init(_ parameters: [Parameter]) {
        slots = parameters.map { .init(label: $0.label, name: $0.name, hasDefault: $0.defaultValue != nil,
                                       variadic: $0.variadic) }
    }

    /// For each parameter, the indices of the arguments bound to it (empty: use the default).
    func match(_ labels: [String?]) -> [[Int]]? {
        var result: [[Int]] = []
        var a = 0
        for slot in slots {
            var taken: [Int] = []
            if a < labels.count && (labels[a] == slot.label || labels[a] == trailingClosureLabel) {
                taken.append(a)
                a += 1
                if slot.variadic {
                    while a < labels.count && labels[a] == nil { taken.append(a); a += 1 }
                }
            } else if !slot.hasDefault {
                return nil
            }
            result.append(taken)
        }
        return a == labels.count ? result : nil
    }

    /// The argument a failed match is first wrong at (an unknown or misplaced label, one too many),
    /// or nil when the fault is a missing argument at the end.
    func offendingArgument(_ labels: [String?]) -> Int? {
        let known = Set(slots.compactMap(\.label))
        if let unknown = labels.firstIndex(where: { $0 != nil && $0 != trailingClosureLabel && !known.contains($0!) }) {
            return unknown
        }
        var a = 0
        for slot in slots {
            if a < labels.count && (labels[a] == slot.label || labels[a] == trailingClosureLabel) {
                a += 1
                if slot.variadic { while a < labels.count && labels[a] == nil { a += 1 } }
            } else if !slot.hasDefault {
                return a < labels.count ? a : nil
            }
        }
        return a < labels.count ? a : nil
    }

    /// The message for a failed match, as swiftc words it.
    func failure(_ labels: [String?]) -> String {
        func list(_ ls: [String?]) -> String {
            "'" + ls.map { ($0 == nil || $0 == trailingClosureLabel ? "_" : $0 ?? "_") + ":" }.joined() + "'"
        }
        let paramLabels = Set(slots.compactMap(\.label))
        // A misspelt or wrong label: try swapping unknown labels for the closest parameter label.
        var fixed = labels
        for (i, l) in labels.enumerated() {
            guard let l, !paramLabels.contains(l) else { continue }
            let candidates = slots.compactMap(\.label).filter { !fixed.contains($0) }
            if let best = Suggestions.closest(to: l, in: candidates) { fixed[i] = best }
        }
        if fixed != labels, match(fixed) != nil {
            return "incorrect argument label in call (have \(list(labels)), expected \(list(fixed)))"
        }
        if labels.count == slots.count, !slots.contains(where: \.variadic) {
            let expected = slots.map(\.label)
            if labels != expected && match(expected) != nil {
                let plural = zip(labels, expected).filter { $0 != $1 }.count > 1 ? "s" : ""
                return "incorrect argument label\(plural) in call (have \(list(labels)), expected \(list(expected)))"
            }
        }
        // Walk again to find the first problem.
        var a = 0
        for (p, slot) in slots.enumerated() {
            if a < labels.count && labels[a] == slot.label {
                a += 1
                if slot.variadic { while a < labels.count && labels[a] == nil { a += 1 } }
            } else if !slot.hasDefault {
                // `f(x: 1)` for `f(_ x:)`: a label where none is wanted, and no later parameter has it.
                if a < labels.count, let l = labels[a], l != trailingClosureLabel, slot.label == nil,
                   !slots[(p + 1)...].contains(where: { $0.label == l }),
                   labels.count >= slots.filter({ !$0.hasDefault }).count {
                    return "extraneous argument label '\(l):' in call"
                }
                return "missing argument for parameter \(describe(slot, p)) in call"
            }
        }
        if a < labels.count {
            if let l = labels[a] {
                if let p = slots.firstIndex(where: { $0.label == l }) {
                    let after = slots[(p + 1)...].compactMap(\.label).first { labels[..<a].contains($0) }
                    if let after { return "argument '\(l)' must precede argument '\(after)'" }
                }
                return "extra argument '\(l)' in call"
            }
            return slots.isEmpty ? "argument passed to call that takes no arguments" : "extra argument in call"
        }
        return "arguments do not match"
    }

    /// How swiftc names a parameter in messages: `'label'` or `#n`.
    private func describe(_ slot: Slot, _ index: Int) -> String {
        slot.label.map { "'\($0)'" } ?? "#\(index + 1)"
    }
}
