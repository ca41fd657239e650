/// An expression node. A class so the compiler can hang facts on it cheaply and nodes are shared.
///
/// Trees can be as deep as the input is long (`1+1+…+1` with a million terms is a million-deep
/// left spine), so nothing may walk one recursively: the facts the compiler asks about every
/// node are computed once, bottom-up, as each node is built (`ExprFacts`), and a tree is freed
/// iteratively (`deinit`).
final class Expr {
    /// Only `deinit` changes it, to detach the children before they are freed.
    private(set) var kind: ExprKind
    let span: Span
    /// Facts about the subtree, from the children's facts (see `ExprFacts`).
    let facts: ExprFacts

    init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
        facts = ExprFacts(kind)
    }

    /// Frees the subtree with a work list instead of one nested release per level, which would
    /// overflow the stack on a deep tree. A child that something else still holds is left alone.
    deinit {
        var pending = detachChildren()
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) { pending += node.detachChildren() }
        }
    }

    /// The child expressions, which this node then stops holding. Closure bodies are not
    /// included: their nesting is bounded by `Parser.maxDepth`.
    private func detachChildren() -> [Expr] {
        let children: [Expr]
        switch kind {
        case .int, .double, .bool, .nil, .identifier, .implicitMember, .closure: return []
        case .string(let pieces): children = pieces.compactMap { if case .expr(let e) = $0 { return e }; return nil }
        case .array(let xs), .tuple(let xs, _): children = xs
        case .dictionary(let pairs): children = pairs.flatMap { [$0.key, $0.value] }
        case .unary(_, let x), .forceUnwrap(let x), .cast(let x, _, _): children = [x]
        case .binary(_, let a, let b): children = [a, b]
        case .ternary(let a, let b, let c): children = [a, b, c]
        case .member(let b, _, _, _), .tupleIndex(let b, _, _, _): children = [b]
        case .subscript(let b, let args, _, _), .call(let b, let args, _, _): children = [b] + args.map(\.value)
        }
        kind = .nil
        return children
    }
}

/// The label of a trailing closure: it fits the parameter in its position whatever that
/// parameter's label (`xs.sorted { … }` fills `by:`).
let trailingClosureLabel = "{"

/// A call or subscript argument: `label: value` or just `value`.
struct Argument {
    var label: String?
    var value: Expr
    var span: Span
}

/// A piece of an interpolated string literal.
enum StringPiece {
    case text(String)
    case expr(Expr)
}

/// The shape of an expression node and its children.
indirect enum ExprKind {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case `nil`
    case string([StringPiece])
    case identifier(String)
    /// `.relu` — a member whose type comes from context; evaluates to a symbol.
    case implicitMember(String)
    case array([Expr])
    case dictionary([(key: Expr, value: Expr)])
    /// `(a, b)` or `(x: 1, y: 2)`; a single unlabelled element in parentheses is not a tuple.
    case tuple([Expr], labels: [String?])
    case unary(op: String, Expr)
    case binary(op: String, Expr, Expr)
    case ternary(Expr, Expr, Expr)
    case forceUnwrap(Expr)
    /// `base.name`; `chained` is set when an earlier `?.` in the same chain may short-circuit.
    case member(Expr, String, optional: Bool, chained: Bool)
    /// `base.0`
    case tupleIndex(Expr, Int, optional: Bool, chained: Bool)
    case `subscript`(Expr, [Argument], optional: Bool, chained: Bool)
    case call(Expr, [Argument], optional: Bool, chained: Bool)
    case closure(ClosureExpr)
    /// `value as Double`, `value as? Int`, `value as! [String]`.
    case cast(Expr, TypeExpr, CastKind)
}

/// Which of Swift's casts: `as` (a literal's type), `as?` (nil if not that type), `as!` (an error if not).
enum CastKind: String {
    case coerce = "as", conditional = "as?", forced = "as!"
}

/// A closure literal `{ (a: Int, b) -> Int in … }` or `{ $0 + 1 }`.
final class ClosureExpr {
    var params: [ParamDecl]
    var returnType: TypeExpr?
    var body: [Stmt]
    /// Number of `$n` parameters used when no explicit parameter list is given.
    var dollarCount: Int
    let span: Span

    init(params: [ParamDecl], returnType: TypeExpr?, body: [Stmt], dollarCount: Int, span: Span) {
        self.params = params
        self.returnType = returnType
        self.body = body
        self.dollarCount = dollarCount
        self.span = span
    }
}

/// A type written in source: `Int`, `[Double]`, `[String: Int]`, `Double?`, `(Int, Int)`.
indirect enum TypeExpr: Equatable, CustomStringConvertible {
    case named(String)
    case array(TypeExpr)
    case dictionary(TypeExpr, TypeExpr)
    case optional(TypeExpr)
    case tuple([TypeExpr])
    case function([TypeExpr], TypeExpr)

    var description: String {
        switch self {
        case .named(let n): return n
        case .array(let e): return "[\(e)]"
        case .dictionary(let k, let v): return "[\(k): \(v)]"
        case .optional(let w): return "\(w)?"
        case .tuple(let es): return "(" + es.map(\.description).joined(separator: ", ") + ")"
        case .function(let ps, let r): return "(" + ps.map(\.description).joined(separator: ", ") + ") -> \(r)"
        }
    }
}
