/// Swift's casts: `x as? T` is `x` if it is a `T` and nil otherwise, `x as! T` is `x` or a runtime
/// error naming both types, and `x as T` gives a literal the type `T` (`3 as Double`).
extension Compiler {
    /// `value as T`, `value as? T` or `value as! T`.
    func compileCast(_ value: Expr, _ written: TypeExpr, _ kind: CastKind, _ span: Span) throws -> Eval {
        let eval = try compileExpr(value)
        guard let type = try typeCheck(written, span) else { return eval }
        switch kind {
        case .conditional:
            return { f in
                let v = try eval(f)
                return type.isType(of: v) ? v : .nil
            }
        case .forced:
            return { f in
                let v = try eval(f)
                guard type.isType(of: v) else {
                    throw ScriptError("could not cast value of type '\(v.typeName)' to '\(type)'", at: span)
                }
                return v
            }
        case .coerce:
            // Swift lets `as` type a literal (`3 as Double`, `[1, 2] as [Double]`), not convert a value.
            let isLiteral = isIntLiteral(value)
            return { f in
                let v = try eval(f)
                if type.isType(of: v) { return v }
                if isLiteral, let converted = type.convertingLiteral(v) { return converted }
                throw ScriptError("cannot convert value of type '\(v.typeName)' to type '\(type)' in coercion",
                                  at: span)
            }
        }
    }
}

extension TypeCheck {
    /// Whether `value` is of this type, checking every element of a collection (unlike `matches`,
    /// which a binding checks in O(1) by the first and last): what a cast needs to be right.
    func isType(of value: Value) -> Bool {
        switch (self, value) {
        case (.optional, .nil): return true
        case (.optional(let wrapped), _): return wrapped.isType(of: value)
        case (.array(let element), .array(let xs)): return xs.allSatisfy(element.isType(of:))
        case (.dictionary(let k, let v), .dictionary(let d)):
            return d.keys.allSatisfy { k.isType(of: $0.value) } && d.values.allSatisfy(v.isType(of:))
        case (.tuple(let ts), .tuple(let t)):
            return ts.count == t.elements.count && zip(ts, t.elements).allSatisfy { $0.isType(of: $1) }
        case (.object(let name), .object(let o)): return o.type.name == name
        case (.object, _): return false
        default: return matches(value)
        }
    }
}
