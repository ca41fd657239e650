extension Compiler {
    /// `if`/`else if`/`else`, each branch in its own block scope.
    func compileIf(_ branches: [(conditions: [Condition], body: [Stmt])], _ otherwise: [Stmt]?) throws -> Exec {
        var compiled: [BranchBox] = []
        for branch in branches {
            try withBlock {
                let test = try compileConditions(branch.conditions)
                let body = try withBlock { try compileBlock(branch.body) }
                compiled.append(BranchBox(test: test, body: body))
            }
        }
        let elseBody: Exec = try otherwise.map { stmts in try withBlock { try compileBlock(stmts) } }
            ?? { _ in .normal }
        if compiled.count == 1 {
            let test = compiled[0].test, body = compiled[0].body
            if otherwise != nil { return { f in try test(f) ? try body(f) : try elseBody(f) } }
            return { f in try test(f) ? try body(f) : .normal }
        }
        return { f in
            for branch in compiled where try branch.test(f) { return try branch.body(f) }
            return try elseBody(f)
        }
    }

    /// A Bool condition.
    func compileCondition(_ e: Expr) throws -> Eval0 {
        if let fast = try compileFastCondition(e) { return fast }
        let eval = try compileExpr(e)
        let span = e.span
        return { f in
            guard case .bool(let b) = try eval(f) else {
                throw ScriptError("cannot convert value of type '\(try eval(f).typeName)' to expected condition type "
                                  + "'Bool'", at: span)
            }
            return b
        }
    }

    /// A condition list; optional bindings declare names in the current block.
    func compileConditions(_ conditions: [Condition]) throws -> Eval0 {
        var tests: [TestBox] = []
        for c in conditions {
            switch c {
            case .expr(let e): tests.append(TestBox(run: try compileCondition(e)))
            case .optionalBinding(let isLet, let name, let nameSpan, let value):
                let eval = try compileExpr(value)
                let target = pointer(try declare(name, isLet: isLet, type: nil, span: nameSpan))
                tests.append(TestBox { f in
                    let v = try eval(f)
                    if v.isNil { return false }
                    target(f).pointee = v
                    return true
                })
            }
        }
        if tests.count == 1 { return tests[0].run }
        return { f in
            for t in tests where !(try t.run(f)) { return false }
            return true
        }
    }
}

/// A compiled condition: evaluates to a Swift Bool, with no `Value` boxing.
typealias Eval0 = (Frame) throws -> Bool
