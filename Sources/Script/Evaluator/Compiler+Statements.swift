extension Compiler {
    /// Compiles any statement to a closure that runs it and says how control continues.
    func compileStmt(_ stmt: Stmt) throws -> Exec {
        switch stmt.kind {
        case .expr(let e):
            let eval = try compileExpr(e)
            return { f in
                let v = try eval(f)
                if f.state.pointee.collected != nil && !v.isVoid { f.state.pointee.collected?.append(v) }
                return .normal
            }
        case .declaration(let isLet, let pattern, let type, let value):
            return try compileDeclaration(isLet: isLet, pattern: pattern, type: type, value: value, span: stmt.span)
        case .assign(let target, let op, let value):
            return try compileAssignment(target: target, op: op, value: value, span: stmt.span)
        case .function(let decl):
            return try compileFunctionDecl(decl)
        case .if(let branches, let otherwise):
            return try compileIf(branches, otherwise)
        case .guard(let conditions, let otherwise):
            let test = try compileConditions(conditions)
            let elseBody = try withBlock { try compileBlock(otherwise) }
            let span = stmt.span
            return { f in
                if try test(f) { return .normal }
                let flow = try elseBody(f)
                if flow == .normal {
                    throw ScriptError("'guard' body must not fall through; use 'return' or 'break' to exit the scope",
                                      at: span)
                }
                return flow
            }
        case .while(let conditions, let body):
            return try withBlock {
                let test = try compileConditions(conditions)
                let run = try outsideCase { try withBlock { try compileBlock(body) } }
                let interp = self.interp, span = stmt.span
                return { f in
                    while try test(f) {
                        try interp.tick(span)
                        let flow = try run(f)
                        if flow == .breakLoop { break }
                        if flow == .returned { return flow }
                    }
                    return .normal
                }
            }
        case .repeatWhile(let body, let condition):
            let run = try outsideCase { try withBlock { try compileBlock(body) } }
            let test = try compileCondition(condition)
            let interp = self.interp, span = stmt.span
            return { f in
                repeat {
                    try interp.tick(span)
                    let flow = try run(f)
                    if flow == .breakLoop { break }
                    if flow == .returned { return flow }
                } while try test(f)
                return .normal
            }
        case .forIn(let pattern, let sequence, let filter, let body):
            return try outsideCase {
                try compileFor(pattern: pattern, sequence: sequence, filter: filter, body: body, span: stmt.span)
            }
        case .switch(let subject, let cases):
            return try compileSwitch(subject: subject, cases: cases, span: stmt.span)
        case .fallthrough: return try compileFallthrough(span: stmt.span)
        case .break: return { _ in .breakLoop }
        case .continue: return { _ in .continueLoop }
        case .return(let value):
            return try compileReturn(value, span: stmt.span)
        case .block(let body):
            return try withBlock { try compileBlock(body) }
        case .sequence(let stmts):
            return try compileBlock(stmts)
        }
    }

    /// Compiles statements of one block (the caller opens the block scope).
    func compileBlock(_ stmts: [Stmt]) throws -> Exec {
        try hoistFunctions(stmts)
        let execs = try stmts.map { ExecBox(run: try compileStmt($0)) }
        switch execs.count {
        case 0: return { _ in .normal }
        case 1: return execs[0].run
        case 2:
            let a = execs[0].run, b = execs[1].run
            return { f in
                let flow = try a(f)
                return flow == .normal ? try b(f) : flow
            }
        case 3:
            let a = execs[0].run, b = execs[1].run, c = execs[2].run
            return { f in
                var flow = try a(f)
                if flow != .normal { return flow }
                flow = try b(f)
                return flow == .normal ? try c(f) : flow
            }
        default:
            return { f in
                for e in execs {
                    let flow = try e.run(f)
                    if flow != .normal { return flow }
                }
                return .normal
            }
        }
    }

    /// Declares the functions of a block first, so they can call each other in any order.
    func hoistFunctions(_ stmts: [Stmt]) throws {
        for stmt in stmts {
            if case .function(let decl) = stmt.kind {
                _ = try declare(decl.name, isLet: true, type: .function, span: decl.span, holdsOwnClosure: true)
            }
        }
    }

    /// `return value`, checked against the function's declared return type.
    func compileReturn(_ value: Expr?, span: Span) throws -> Exec {
        guard scope.insideFunction else {
            throw ScriptError("return invalid outside of a func", at: span)
        }
        guard let value else {
            return { f in f.state.pointee.returnValue = .void; return .returned }
        }
        let eval = try compileExpr(value)
        guard let type = scope.returnType else {
            return { f in f.state.pointee.returnValue = try eval(f); return .returned }
        }
        let literal = isIntLiteral(value)
        let valueSpan = value.span
        let quick = QuickType(type)
        return { f in
            var v = try eval(f)
            if !quick.accepts(v) && !type.matches(v) {
                guard literal, let converted = type.convertingLiteral(v) else {
                    throw ScriptError("cannot convert return expression of type '\(v.typeName)' to return type "
                                      + "'\(type)'", at: valueSpan)
                }
                v = converted
            }
            f.state.pointee.returnValue = v
            return .returned
        }
    }
}
