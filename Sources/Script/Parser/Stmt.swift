/// A statement node.
final class Stmt {
    let kind: StmtKind
    let span: Span

    init(_ kind: StmtKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// A binding pattern: a name, `_`, or a tuple of patterns `(a, (b, _))`.
indirect enum Pattern {
    case name(String, Span)
    case wildcard
    case tuple([Pattern])

    var names: [(String, Span)] {
        switch self {
        case .name(let n, let s): return [(n, s)]
        case .wildcard: return []
        case .tuple(let ps): return ps.flatMap(\.names)
        }
    }
}

/// One clause of an `if`/`while`/`guard` condition list.
enum Condition {
    case expr(Expr)
    /// `let x = optional` / `var x = optional` (also the shorthand `let x`).
    case optionalBinding(isLet: Bool, name: String, nameSpan: Span, value: Expr)
}

/// A function parameter: `_ n: Int`, `kernel k: Int = 3`, or a closure parameter `x`.
struct ParamDecl {
    /// The argument label callers write; nil for `_` (and for closure parameters).
    var label: String?
    var name: String
    var type: TypeExpr?
    var defaultValue: Expr?
    var span: Span
}

/// `func name(params) -> Type { body }`.
final class FuncDecl {
    let name: String
    let params: [ParamDecl]
    let returnType: TypeExpr?
    let body: [Stmt]
    let span: Span

    init(name: String, params: [ParamDecl], returnType: TypeExpr?, body: [Stmt], span: Span) {
        self.name = name
        self.params = params
        self.returnType = returnType
        self.body = body
        self.span = span
    }
}

/// The shape of a statement node and its parts.
indirect enum StmtKind {
    case expr(Expr)
    case declaration(isLet: Bool, pattern: Pattern, type: TypeExpr?, value: Expr?)
    /// `target = value` or a compound assignment such as `target += value` (op is "+", …).
    case assign(target: Expr, op: String?, value: Expr)
    case function(FuncDecl)
    case `if`(branches: [(conditions: [Condition], body: [Stmt])], otherwise: [Stmt]?)
    case `guard`(conditions: [Condition], otherwise: [Stmt])
    case forIn(pattern: Pattern, sequence: Expr, filter: Expr?, body: [Stmt])
    case `while`(conditions: [Condition], body: [Stmt])
    case repeatWhile(body: [Stmt], condition: Expr)
    case `switch`(subject: Expr, cases: [SwitchCase])
    /// Continues into the next case's body (from inside a `case`).
    case `fallthrough`
    case `break`
    case `continue`
    case `return`(Expr?)
    case block([Stmt])
    /// Statements in the enclosing scope (no block of their own): `let a = 1, b = 2`.
    case sequence([Stmt])
}
