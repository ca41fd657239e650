/// Matching a value against a `case` pattern, Swift's `~=`: equality, or containment in a range.
extension Compiler {
    /// Declares a pattern's bindings (reusing `slots` a previous pattern of the label declared)
    /// and returns a matcher that binds them as it matches.
    func compileCasePattern(_ pattern: CasePattern,
                            slots: inout [String: (Frame) -> UnsafeMutablePointer<Value>]) throws
        -> (Frame, Value) throws -> Bool {
        switch pattern {
        case .wildcard: return { _, _ in true }
        case .binding(let name, let span, let isLet):
            let target = try slots[name] ?? pointer(try declare(name, isLet: isLet, type: nil, span: span))
            slots[name] = target
            return { f, v in target(f).pointee = v; return true }
        case .value(let e):
            let eval = try compileExpr(e)
            let span = e.span
            return { f, v in try Compiler.matches(try eval(f), v, at: span) }
        case .range(let lower, let upper, let closed, let span):
            let lo = try lower.map(compileExpr), hi = try upper.map(compileExpr)
            let mismatch = { (bound: Value, v: Value) throws -> Bool in
                try Compiler.rangeMismatch(bound, hasLower: lower != nil, hasUpper: upper != nil, closed, v, span)
            }
            return { f, v in
                if let lo {
                    let l = try lo(f)
                    guard try Compiler.inOrder(l, v, orEqual: true) ?? mismatch(l, v) else { return false }
                }
                if let hi {
                    let h = try hi(f)
                    guard try Compiler.inOrder(v, h, orEqual: closed) ?? mismatch(h, v) else { return false }
                }
                return true
            }
        case .tuple(let items, let span):
            var matchers: [MatchBox] = []
            for item in items { matchers.append(MatchBox(run: try compileCasePattern(item, slots: &slots))) }
            let count = items.count
            return { f, v in
                let elements = try Compiler.tupleElements(v, count: count, span: span)
                for i in 0..<count where !(try matchers[i].run(f, elements[i])) { return false }
                return true
            }
        }
    }

    /// Whether a value matches an expression pattern's value; mismatched types are an error,
    /// as Swift's compiler would report them.
    static func matches(_ pattern: Value, _ v: Value, at span: Span) throws -> Bool {
        switch (pattern, v) {
        case (.range(let r), .int(let i)) where r.step == nil:
            return r.lower <= i && (r.closed ? i <= r.upper : i < r.upper)
        case (.tuple(let t), .double) where t.labels == ["lowerBound", "upperBound"]:
            // A Double range value (`let band = 0.5...1.0`) is closed.
            return inOrder(t.elements[0], v, orEqual: true) == true && inOrder(v, t.elements[1], orEqual: true) == true
        case (.int(let a), .double(let b)):
            return Double(a) == b  // `case 2:` on a Double: Swift reads the literal as a Double
        default:
            guard let equal = Operators.equal(pattern, v) else {
                throw ScriptError("expression pattern of type '\(pattern.typeName)' cannot match values of type "
                                  + "'\(v.typeName)'", at: span)
            }
            return equal
        }
    }

    /// `a < b` (or `a <= b`), an integer literal bound taking a Double's type; nil when unordered.
    static func inOrder(_ a: Value, _ b: Value, orEqual: Bool) -> Bool? {
        var a = a, b = b
        if case .int(let i) = a, case .double = b { a = .double(Double(i)) }
        if case .double = a, case .int(let i) = b { b = .double(Double(i)) }
        guard let less = Operators.less(a, b) else { return nil }
        return less || orEqual && Operators.equal(a, b) == true
    }

    /// The error for a range pattern whose bounds cannot be compared with the value.
    static func rangeMismatch(_ bound: Value, hasLower: Bool, hasUpper: Bool, _ closed: Bool, _ v: Value,
                              _ span: Span) throws -> Bool {
        let kind = switch (hasLower, hasUpper) {
        case (true, true): closed ? "ClosedRange" : "Range"
        case (true, false): "PartialRangeFrom"
        default: closed ? "PartialRangeThrough" : "PartialRangeUpTo"
        }
        throw ScriptError("expression pattern of type '\(kind)<\(bound.typeName)>' cannot match values of type "
                          + "'\(v.typeName)'", at: span)
    }
}
