import RunLimits

/// Checks the size of a value about to be built (a joined string, a concatenated or repeated array)
/// against the run's memory budget, so that `s = s + s` in a loop stops with an error at its line
/// instead of the process being killed for want of memory.
enum Allocation {
    /// Bytes one array element takes, not counting what it points to.
    static let elementBytes = MemoryLayout<Value>.stride

    /// Throws a `ScriptError` at `span` when `bytes` more do not fit. Small sizes cost one comparison.
    /// A value grown from `old` bytes (an append) is checked each time it passes another megabyte,
    /// so a million small appends cost a million comparisons and a few dozen checks.
    @inline(__always) static func check(_ bytes: Int, grownFrom old: Int = 0, _ what: @autoclosure () -> String,
                                        at span: Span) throws {
        guard bytes >= RunBudget.checkedAllocation, bytes >> 20 != old >> 20 else { return }
        try checkLarge(bytes, what(), at: span)
    }

    /// As `check`, for host functions: the interpreter attaches the call's location.
    @inline(__always) static func check(_ bytes: Int, _ what: @autoclosure () -> String) throws {
        guard bytes >= RunBudget.checkedAllocation else { return }
        try checkLarge(bytes, what(), at: Span(line: 0, column: 0, length: 0))
    }

    /// The budget check for a large allocation, out of line from the cheap size test.
    @inline(never) private static func checkLarge(_ bytes: Int, _ what: String, at span: Span) throws {
        do {
            try RunBudget.shared.reserve(bytes, for: what)
        } catch let limit as LimitExceeded {
            throw ScriptError(limit.message, at: span)
        }
    }

    /// A string's bytes or a collection's elements, read through a borrow: the caller keeps no second
    /// reference, so the value can still be grown in place afterwards.
    @inline(never) static func count(of value: borrowing Value) -> Int {
        switch value {
        case .string(let text): return text.utf8.count
        case .array(let items): return items.count
        default: return 0
        }
    }

    /// Bytes of an array of `count` values.
    static func arrayBytes(_ count: Int) -> Int { ByteCount.product(count, elementBytes) }

    /// `a string of 2,147,483,648 characters`, as the messages name what was being built.
    static func describe(_ count: Int, _ noun: String) -> String {
        var digits = String(count), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "\(noun) of \(digits + grouped) \(noun == "a string" ? "bytes" : "elements")"
    }
}
