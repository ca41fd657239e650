import RunLimits

extension Interpreter {
    /// Registers a global function (call again with the same name to add an overload).
    ///
    ///     let activation = TypeCheck.oneOf("Activation", ["relu", "tanh"])
    ///     interp.register(function: "Dense", [.positional("units", .int),
    ///                                         .labeled("activation", .optional(activation), default: .nil)]) { args in
    ///         .object(DenseLayer(args.int("units")), type: layerType)
    ///     }
    public func register(function name: String, _ parameters: [Parameter], _ body: @escaping HostBody) {
        let group = functions[name] ?? HostFunctionGroup(name)
        group.add(HostFunction(name, parameters, body))
        functions[name] = group
    }

    /// Registers a host type so annotations (`let m: Model`) and `.object(_, type:)` know it.
    public func register(_ type: HostType) {
        types[type.name] = type
    }

    /// Registers a namespace of static members (`Datasets.fashionMNIST()`, `Activation.relu`).
    public func register(_ namespace: Namespace) {
        namespaces[namespace.name] = namespace
    }

    /// The namespace registered under `name`, creating an empty one if needed (to add members).
    public func namespace(_ name: String) -> Namespace {
        if let n = namespaces[name] { return n }
        let n = Namespace(name)
        namespaces[name] = n
        return n
    }

    /// Calls the first overload whose labels and types fit, with swiftc-style errors otherwise.
    func callHost(_ g: HostFunctionGroup, _ args: [Value], labels: [String?], receiver: AnyObject?,
                  span: Span) throws -> Value {
        var labelFailure: String?
        var labelArgument: Int?
        var typeFailure: String?
        overloads: for f in g.overloads {
            let matcher = ArgumentMatcher(f.parameters)
            guard let plan = matcher.match(labels) else {
                if labelFailure == nil {
                    labelFailure = matcher.failure(labels)
                    labelArgument = matcher.offendingArgument(labels)
                }
                continue
            }
            var values: [Value] = []
            values.reserveCapacity(f.parameters.count)
            for (i, p) in f.parameters.enumerated() {
                let converted: Value?
                if p.variadic {
                    var items: [Value] = []
                    for a in plan[i] {
                        guard let c = try convert(args[a], to: p.type, span: span) else {
                            if typeFailure == nil { typeFailure = argumentTypeError(args[a], p.type) }
                            continue overloads
                        }
                        items.append(c)
                    }
                    converted = .array(items)
                } else if let a = plan[i].first {
                    converted = try convert(args[a], to: p.type, span: span)
                    if converted == nil {
                        if typeFailure == nil { typeFailure = argumentTypeError(args[a], p.type) }
                        continue overloads
                    }
                } else {
                    converted = p.defaultValue ?? .nil
                }
                values.append(converted ?? .nil)
            }
            let arguments = Arguments(values: values, parameters: f.parameters, interpreter: self, receiver: receiver)
            let saved = callSpan
            callSpan = span
            defer { callSpan = saved }
            do {
                let result = try f.body(arguments)
                // A long native operation that ignored the clock still may not report success.
                if let limit = RunBudget.shared.expiredLimit() { throw ScriptError(limit, at: span) }
                return result
            } catch let e as HostError {
                throw ScriptError(e.message, at: span)
            } catch let e as ScriptError {
                // Errors raised without a location (line 0) take the call's location.
                throw e.span.line == 0 ? ScriptError(e.message, at: span) : e
            } catch let e as Diagnostic {
                throw ScriptError(e.message, at: span)
            } catch {
                throw ScriptError("\(error)", at: span)
            }
        }
        let signatures = g.overloads.map(\.signature).joined(separator: " or ")
        throw ScriptError((typeFailure ?? labelFailure ?? "no matching call") + "; expected \(signatures)", at: span,
                          argument: typeFailure == nil ? labelArgument : nil)
    }

    /// Why `v` does not fit a parameter of type `type`, as swiftc words it.
    func argumentTypeError(_ v: Value, _ type: TypeCheck) -> String {
        if case .symbol(let s) = v {
            var t = type
            if case .optional(let w) = t { t = w }
            if case .oneOf(let name, let options) = t {
                let hint = Suggestions.suffix(s, options)
                let cases = options.map { "." + $0 }.joined(separator: ", ")
                return "type '\(name)' has no member '\(s)'" + (hint.isEmpty ? " (it has \(cases))" : hint)
            }
        }
        return "cannot convert value of type '\(v.typeName)' to expected argument type '\(type)'"
    }

    /// Checks and converts an argument for a host parameter; nil if it does not fit.
    func convert(_ v: Value, to type: TypeCheck, span: Span) throws -> Value? {
        switch (type, v) {
        case (.any, _): return v
        case (.int, .int), (.bool, .bool), (.string, .string), (.double, .double): return v
        case (.double, .int(let i)): return .double(Double(i))
        case (.array(let e), .array(let xs)):
            if case .any = e { return v }
            var out: [Value] = []
            out.reserveCapacity(xs.count)
            for x in xs {
                guard let c = try convert(x, to: e, span: span) else { return nil }
                out.append(c)
            }
            return .array(out)
        case (.array, .range(let r)): return try convert(.array(r.elements.map { .int($0) }), to: type, span: span)
        case (.dictionary, .dictionary), (.dictionary, .record): return v  // entries checked by the host
        case (.function, .function), (.function, .hostFunction): return v
        case (.function, .namespace(let ns)) where ns.constructor != nil: return v  // `xs.map(Double)`
        case (.builder, .function):
            return .array(try callBuilder(v))
        case (.builder, .array): return v
        case (.object(let n), .object(let o)): return o.type.name == n ? v : nil
        case (.oneOf(_, let options), .symbol(let s)), (.oneOf(_, let options), .string(let s)):
            return options.contains(s) ? .symbol(s) : nil
        case (.optional, .nil): return .nil
        case (.optional(let w), _): return try convert(v, to: w, span: span)
        default: return nil
        }
    }
}
