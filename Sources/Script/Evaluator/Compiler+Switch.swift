/// Where a `fallthrough` would transfer control, which Swift checks when compiling.
enum FallthroughRule {
    case notInCase, intoNext, lastCase, nextBinds
}

/// A compiled `case` label: whether it matches the subject (binding its names) and its body.
struct CaseBox {
    let matches: (Frame, Value) throws -> Bool
    let body: Exec
}

/// One compiled `pattern where condition` of a case label, in a struct field (see `CompiledBoxes`).
struct MatchBox {
    let run: (Frame, Value) throws -> Bool
}

extension Compiler {
    /// `switch`: the first case whose pattern matches runs (no implicit fallthrough); `break`
    /// ends the switch. With no `default`, a value no case matches is an error at the `switch`:
    /// the language is dynamically typed, so exhaustiveness can only be checked as it runs.
    func compileSwitch(subject: Expr, cases: [SwitchCase], span: Span) throws -> Exec {
        let eval = try compileExpr(subject)
        var compiled: [CaseBox] = []
        for (i, c) in cases.enumerated() {
            var rule = FallthroughRule.lastCase
            if i + 1 < cases.count {
                rule = cases[i + 1].items.contains { !$0.pattern.names.isEmpty } ? .nextBinds : .intoNext
            }
            compiled.append(try withBlock { try compileCase(c, fallthrough: rule) })
        }
        return { f in
            let v = try eval(f)
            guard var i = try compiled.firstIndex(where: { try $0.matches(f, v) }) else {
                throw ScriptError("no case matched \(v.debugDescription); add a default:", at: span)
            }
            while true {
                let flow = try compiled[i].body(f)
                switch flow {
                case .fallthroughCase: i += 1  // compiled only where a case follows
                case .breakLoop, .normal: return .normal
                case .continueLoop, .returned: return flow
                }
            }
        }
    }

    /// One case label's patterns (in the caller's block, which holds their bindings) and body.
    private func compileCase(_ c: SwitchCase, fallthrough rule: FallthroughRule) throws -> CaseBox {
        // The patterns of one label bind the same names (Swift requires it) into the same slots.
        var slots: [String: (Frame) -> UnsafeMutablePointer<Value>] = [:]
        var tests: [MatchBox] = []
        let names = Set(c.items.first?.pattern.names.map(\.0) ?? [])
        for item in c.items {
            let itemNames = Set(item.pattern.names.map(\.0))
            if let missing = names.symmetricDifference(itemNames).sorted().first {
                throw ScriptError("'\(missing)' must be bound in every pattern", at: c.span)
            }
            let match = try compileCasePattern(item.pattern, slots: &slots)
            let test = try item.filter.map(compileCondition)
            tests.append(MatchBox { f, v in
                guard try match(f, v) else { return false }
                if let test { return try test(f) }
                return true
            })
        }
        let saved = fallthroughRule
        fallthroughRule = rule
        defer { fallthroughRule = saved }
        let body = try withBlock { try compileBlock(c.body) }
        switch tests.count {
        case 0: return CaseBox(matches: { _, _ in true }, body: body)
        case 1: return CaseBox(matches: tests[0].run, body: body)
        default:
            return CaseBox(matches: { f, v in
                for t in tests where try t.run(f, v) { return true }
                return false
            }, body: body)
        }
    }

    /// `fallthrough`, allowed where Swift allows it.
    func compileFallthrough(span: Span) throws -> Exec {
        switch fallthroughRule {
        case .intoNext: return { _ in .fallthroughCase }
        case .notInCase: throw ScriptError("'fallthrough' is only allowed inside a switch", at: span)
        case .lastCase: throw ScriptError("'fallthrough' without a following 'case' or 'default' block", at: span)
        case .nextBinds:
            throw ScriptError("'fallthrough' cannot transfer control to a case label that declares variables", at: span)
        }
    }

    /// Compiles a loop or function body: a `fallthrough` there cannot reach an enclosing switch.
    func outsideCase<T>(_ body: () throws -> T) rethrows -> T {
        let saved = fallthroughRule
        fallthroughRule = .notInCase
        defer { fallthroughRule = saved }
        return try body()
    }
}
