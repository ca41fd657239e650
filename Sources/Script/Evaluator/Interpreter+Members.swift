extension Interpreter {
    /// `value.name` (not a call); `site` keeps the builtin properties a compiled site looked up.
    func property(_ v: Value, _ name: String, span: Span, site: PropertySite? = nil) throws -> Value {
        if let kind = Receiver(v), let read = (site ?? PropertySite(name: name)).reader(kind) {
            return try read(MethodCall(name: name, receiver: v, args: [], span: span, interp: self))
        }
        switch v {
        case .object(let o):
            if let p = o.type.properties[name] { return try hostCall(span) { try p.get(o.base) } }
            if o.type.methods[name] != nil {
                throw ScriptError("method '\(name)' of '\(o.type.name)' must be called: write '\(name)()'", at: span)
            }
            throw noMember(v, name, o.type.memberNames, span)
        case .namespace(let ns):
            if let value = ns.values[name] { return value }
            if let g = ns.functions[name] { return .hostFunction(g) }
            throw ScriptError("type '\(ns.name)' has no member '\(name)'" + Suggestions.suffix(name, ns.memberNames),
                              at: span)
        case .record(let fields):
            if let value = fields[name] { return value }
            throw ScriptError("value has no field '\(name)'" + Suggestions.suffix(name, Array(fields.keys)), at: span)
        case .tuple(let t):
            if let i = t.labels.firstIndex(of: name) { return t.elements[i] }
            let methods = Receiver(v).map(MethodTable.memberNames) ?? []  // `0.0...1.0` has `contains`
            throw noMember(v, name, t.labels.compactMap { $0 } + methods, span)
        case .nil:
            throw ScriptError("value of optional type is nil here; cannot read member '\(name)' (use '?.' or '??')",
                              at: span)
        default:
            throw noBuiltinMember(v, name, span)
        }
    }

    /// A receiver of builtin kind has no property or method `name`.
    func noBuiltinMember(_ v: Value, _ name: String, _ span: Span) -> ScriptError {
        guard let kind = Receiver(v) else { return noMember(v, name, [], span) }
        if !MethodTable.methods(kind, name).isEmpty {
            return ScriptError("method '\(name)' of '\(v.typeName)' must be called: write '\(name)()'", at: span)
        }
        return noMember(v, name, MethodTable.memberNames(kind), span)
    }

    /// "value of type … has no member …", with a suggestion from `candidates`.
    func noMember(_ v: Value, _ name: String, _ candidates: [String], _ span: Span) -> ScriptError {
        ScriptError("value of type '\(v.typeName)' has no member '\(name)'" + Suggestions.suffix(name, candidates),
                    at: span)
    }

    /// Runs host code, turning its errors into located script errors.
    func hostCall(_ span: Span, _ body: () throws -> Value) throws -> Value {
        do { return try body() } catch let e as HostError { throw ScriptError(e.message, at: span) }
    }

    /// `value.name(args)`; `site` keeps what a compiled call site learnt about builtin receivers.
    func callMethod(_ v: Value, _ name: String, _ args: [Value], labels: [String?], span: Span,
                    site: MethodSite? = nil) throws -> Value {
        if let kind = Receiver(v) {
            let site = site ?? MethodSite(name: name, labels: labels)
            if let result = try site.call(v, kind, args, interp: self, span: span) { return result }
            if MethodTable.property(kind, name) != nil {
                return try callValue(try property(v, name, span: span), args, labels: labels, span: span)
            }
            throw noBuiltinMember(v, name, span)
        }
        switch v {
        case .object(let o):
            if let g = o.type.methods[name] {
                return try callHost(g, args, labels: labels, receiver: o.base, span: span)
            }
            if let p = o.type.properties[name] {
                return try callValue(try hostCall(span) { try p.get(o.base) }, args, labels: labels, span: span)
            }
            throw noMember(v, name, o.type.memberNames, span)
        case .namespace(let ns):
            if let g = ns.functions[name] { return try callHost(g, args, labels: labels, receiver: nil, span: span) }
            if let value = ns.values[name] { return try callValue(value, args, labels: labels, span: span) }
            throw ScriptError("type '\(ns.name)' has no member '\(name)'" + Suggestions.suffix(name, ns.memberNames),
                              at: span)
        case .record, .tuple:
            return try callValue(try property(v, name, span: span), args, labels: labels, span: span)
        case .nil:
            throw ScriptError("value of optional type is nil here; cannot call '\(name)' (use '?.' or '??')", at: span)
        default:
            throw noMember(v, name, [], span)
        }
    }

    /// A mutating method on a variable's storage; non-mutating methods fall through to `callMethod`.
    func callMutatingMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?], span: Span,
                            site: MethodSite? = nil) throws -> Value {
        let site = site ?? MethodSite(name: name, labels: labels)
        if let kind = Receiver(v), let result = try site.callMutating(&v, kind, args, interp: self, span: span) {
            return result
        }
        return try callMethod(v, name, args, labels: labels, span: span, site: site)
    }

    /// In-place `value.name` for assignment: tuple elements, host properties with setters.
    func memberModify(_ v: inout Value, _ name: String, span: Span,
                      _ body: (inout Value) throws -> Value) throws -> Value {
        // Taken before it is looked at (see `subscriptModify`): a `switch v` or a binding of the
        // tuple would keep its elements shared while `body` writes into one, copying it.
        if case .tuple = v, var t = v.takeTuple() {
            guard let i = t.labels.firstIndex(of: name) else {
                v = .tuple(t)
                throw noMember(v, name, t.labels.compactMap { $0 }, span)
            }
            defer { v = .tuple(t) }
            return try body(&t.elements[i])
        }
        switch v {
        case .object(let o):
            guard let p = o.type.properties[name] else { throw noMember(v, name, o.type.memberNames, span) }
            var current = try hostCall(span) { try p.get(o.base) }
            guard let set = p.set else {
                // A get-only property may still lead to objects whose own properties change
                // (`model.layers[1].trainable = false`); only replacing the value itself is refused.
                let original = current
                let result = try body(&current)
                guard current == original else {
                    throw ScriptError("cannot assign to property: '\(name)' is a get-only property", at: span)
                }
                return result
            }
            let result = try body(&current)
            _ = try hostCall(span) { try set(o.base, current); return .void }
            return result
        case .record:
            throw ScriptError("cannot assign to property: '\(name)' is a 'let' constant", at: span)
        default:
            throw ScriptError("cannot assign to property '\(name)' of a value of type '\(v.typeName)'", at: span)
        }
    }
}
