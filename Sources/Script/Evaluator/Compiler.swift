/// The variables of one function, closure or cell being compiled, by block.
final class FunctionScope {
    let parent: FunctionScope?
    var blocks: [[String: VarInfo]] = [[:]]
    var slotCount = 0
    let returnType: TypeCheck?
    /// The cell's own scope: its outermost block declares globals.
    let isCell: Bool
    /// The body of a loop that gets a fresh frame per iteration (not a function).
    let isIteration: Bool
    /// Code in this scope (or in closures inside it) reads variables of enclosing functions
    /// through the frame's parent link. When false, a call's frame need not hold its parent.
    var needsParent = false

    init(parent: FunctionScope?, returnType: TypeCheck?, isCell: Bool, isIteration: Bool = false) {
        self.parent = parent
        self.returnType = returnType
        self.isCell = isCell
        self.isIteration = isIteration
    }

    /// Whether a `return` here is inside a function (not just inside loops at a cell's top level).
    var insideFunction: Bool {
        var s: FunctionScope? = self
        while let current = s, current.isIteration { s = current.parent }
        return !(s?.isCell ?? true)
    }
}

/// Where a name lives once resolved.
enum Resolved {
    case local(depth: Int, info: VarInfo)
    case global(VarInfo)

    var info: VarInfo {
        switch self {
        case .local(_, let i), .global(let i): return i
        }
    }
}

/// A compiled cell, ready to run.
struct CompiledCell {
    let body: [Exec]
    let last: Eval?
    let slotCount: Int
    unowned let interp: Interpreter

    /// Runs the cell's statements and displays its last expression's value.
    func run() throws {
        let frame = Frame.make(count: slotCount, parent: nil)
        for stmt in body { _ = try stmt(frame) }
        if let last {
            let value = try last(frame)
            if !value.isVoid && !value.isNil { interp.display(value) }
        }
    }
}

/// Resolves names to slots and turns the syntax tree into nested Swift closures, so running a
/// cell does no name lookups, no dictionary access and no switching over syntax.
final class Compiler {
    unowned let interp: Interpreter
    var scope: FunctionScope
    /// Globals declared by this cell, to report same-cell redeclarations.
    var cellGlobals: Set<String> = []
    /// Top-level `let`/`var` names of this cell: functions may use them before their declaration
    /// line, as in a Swift `main.swift` (the function just must not run before they are set).
    var laterGlobals: [String: Bool] = [:]
    /// Where a `fallthrough` compiled now would go (see `Compiler+Switch`).
    var fallthroughRule = FallthroughRule.notInCase

    init(_ interp: Interpreter) {
        self.interp = interp
        scope = FunctionScope(parent: nil, returnType: nil, isCell: true)
    }

    /// Compiles a whole cell: hoists its functions, then its statements at global scope.
    func compileCell(_ program: [Stmt]) throws -> CompiledCell {
        let savedGlobals = interp.globalNames
        let savedCount = interp.globalCount
        do {
            for stmt in program {
                let declarations: [Stmt]
                if case .sequence(let stmts) = stmt.kind { declarations = stmts } else { declarations = [stmt] }
                for d in declarations {
                    if case .declaration(let isLet, let pattern, _, _) = d.kind {
                        for (name, _) in pattern.names { laterGlobals[name] = isLet }
                    }
                }
            }
            try hoistFunctions(program)
            var body: [Exec] = []
            var last: Eval?
            for (i, stmt) in program.enumerated() {
                if i == program.count - 1, case .expr(let e) = stmt.kind {
                    last = try compileExpr(e)
                } else {
                    body.append(try compileStmt(stmt))
                }
            }
            return CompiledCell(body: body, last: last, slotCount: scope.slotCount, interp: interp)
        } catch {
            interp.globalNames = savedGlobals
            interp.globalCount = savedCount
            throw error
        }
    }

    // MARK: - Scopes

    /// Where a name lives: a local slot (and how many frames up) or a global.
    func lookup(_ name: String) -> Resolved? {
        var s: FunctionScope? = scope
        var depth = 0
        while let current = s {
            for block in current.blocks.reversed() {
                if let info = block[name] {
                    // Every scope between here and the variable's reaches it through its parent.
                    var crossed: FunctionScope? = scope
                    for _ in 0..<depth { crossed?.needsParent = true; crossed = crossed?.parent }
                    return .local(depth: depth, info: info)
                }
            }
            s = current.parent
            depth += 1
        }
        if let g = interp.globalNames[name] { return .global(g) }
        if let isLet = laterGlobals[name], scope.insideFunction {
            return .global(interp.declareGlobal(name, isLet: isLet, type: nil))
        }
        return nil
    }

    var atGlobalLevel: Bool { scope.isCell && scope.blocks.count == 1 }

    /// Declares a variable in the innermost block (a global at a cell's top level).
    /// `holdsOwnClosure`: the slot will hold a function closing over this frame (see `Function`);
    /// ignored for globals, whose frame lives as long as the notebook.
    func declare(_ name: String, isLet: Bool, type: TypeCheck?, span: Span,
                 holdsOwnClosure: Bool = false) throws -> Resolved {
        if atGlobalLevel {
            if cellGlobals.contains(name) { throw ScriptError("invalid redeclaration of '\(name)'", at: span) }
            cellGlobals.insert(name)
            guard interp.globalCount < Interpreter.maxGlobals else {
                throw ScriptError("too many global variables (limit \(Interpreter.maxGlobals))", at: span)
            }
            return .global(interp.declareGlobal(name, isLet: isLet, type: type))
        }
        if scope.blocks[scope.blocks.count - 1][name] != nil {
            throw ScriptError("invalid redeclaration of '\(name)'", at: span)
        }
        let info = VarInfo(slot: scope.slotCount, isLet: isLet, type: type, holdsOwnClosure: holdsOwnClosure)
        scope.slotCount += 1
        scope.blocks[scope.blocks.count - 1][name] = info
        return .local(depth: 0, info: info)
    }

    /// Compiles `body` in a new block scope.
    func withBlock<T>(_ body: () throws -> T) rethrows -> T {
        scope.blocks.append([:])
        defer { scope.blocks.removeLast() }
        return try body()
    }

    /// Every name in scope plus host names, for "did you mean" suggestions.
    func namesInScope() -> [String] {
        var names: [String] = []
        var s: FunctionScope? = scope
        while let current = s {
            for block in current.blocks { names += block.keys }
            s = current.parent
        }
        return names + interp.globalNames.keys + interp.functions.keys + interp.namespaces.keys
    }

    /// A written type resolved against the builtin and registered host types.
    func typeCheck(_ type: TypeExpr?, _ span: Span) throws -> TypeCheck? {
        guard let type else { return nil }
        return try TypeCheck(type, known: { [interp] in interp.types[$0] != nil || interp.namespaces[$0] != nil },
                             candidates: { [interp] in Array(interp.types.keys) + interp.namespaces.keys },
                             span: span)
    }
}
