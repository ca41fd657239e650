/// One `case …:` or `default:` block of a `switch`, with the statements up to the next label.
struct SwitchCase {
    /// The patterns of a `case`, each with its own `where`; empty for `default`.
    var items: [CaseItem]
    var body: [Stmt]
    /// The `case`/`default` word, where errors about the block point.
    var span: Span

    var isDefault: Bool { items.isEmpty }
}

/// `pattern where condition` in a `case` label.
struct CaseItem {
    var pattern: CasePattern
    var filter: Expr?
}

/// A `case` pattern. The language is dynamically typed, so a pattern is checked against the
/// value when the switch runs (Swift checks the types when compiling).
indirect enum CasePattern {
    /// `_`
    case wildcard
    /// A name after `let`/`var`: binds the matched value.
    case binding(name: String, span: Span, isLet: Bool)
    /// An expression the value must equal (`1`, `"a"`, `.relu`), or a range value it must lie in.
    case value(Expr)
    /// `a..<b`, `a...b`, `a...`, `...b`, `..<b`: bounds evaluated when the switch runs.
    case range(lower: Expr?, upper: Expr?, closed: Bool, span: Span)
    /// `(p, q)`: the value must be a tuple of as many elements, each matching.
    case tuple([CasePattern], span: Span)

    /// The names the pattern binds, in order.
    var names: [(String, Span)] {
        switch self {
        case .binding(let n, let s, _): return [(n, s)]
        case .wildcard, .value, .range: return []
        case .tuple(let ps, _): return ps.flatMap(\.names)
        }
    }
}
