/// One call site `receiver.name(args)` on builtin receivers. Which overload the site's labels pick
/// for each receiver kind is worked out on first use and kept, so a call in a loop matches its
/// labels once; each call then only checks argument types.
final class MethodSite {
    let name: String
    let labels: [String?]

    /// An overload whose labels fit, reduced to what a call needs (a class, so that reading it
    /// from the cache costs one reference count, not one per field of `BuiltinMethod`).
    private final class Overload {
        let implementation: BuiltinMethod.Implementation
        let types: [TypeCheck]
        let defaults: [Value]
        /// The argument index for each parameter; nil takes the default.
        let sources: [Int?]
        /// Parameter i takes argument i and no parameter is defaulted: the arguments serve as they are.
        let inOrder: Bool
        /// The body of a non-mutating method, held apart from `implementation` for the fast path.
        let read: ((MethodCall) throws -> Value)?

        init(_ method: BuiltinMethod, sources: [Int?], argumentCount: Int) {
            implementation = method.implementation
            if case .method(let body) = method.implementation { read = body } else { read = nil }
            types = method.parameters.map(\.type)
            defaults = method.parameters.map { $0.defaultValue ?? .nil }
            self.sources = sources
            inOrder = sources.count == argumentCount && sources.enumerated().allSatisfy { $0.element == $0.offset }
        }
    }

    /// What the site's labels mean for one receiver kind.
    private final class Plan {
        var overloads: [Overload] = []
        /// The one overload whose labels fit, when it is a non-mutating method: the common case,
        /// run without looping over overloads.
        var only: Overload?
        var isMutating = false
        /// The argument error when no overload's labels fit (and the argument to point at).
        var labelFailure: (message: String, argument: Int?)?
    }

    // Unchecked exclusivity: read on every call, written once per receiver kind, never borrowed.
    @exclusivity(unchecked) private var plans: [Plan?] = Array(repeating: nil, count: Receiver.allCases.count)

    init(name: String, labels: [String?]) {
        self.name = name
        self.labels = labels
    }

    /// Runs the method on an immutable receiver; nil if `receiver` has no method of this name.
    func call(_ receiver: Value, _ kind: Receiver, _ args: [Value], interp: Interpreter, span: Span) throws -> Value? {
        let plan = plans[kind.rawValue] ?? makePlan(kind)
        if let o = plan.only, let read = o.read {
            var typeFailure: String?
            guard let values = try arguments(o, args, interp: interp, span: span, failure: &typeFailure) else {
                throw mismatch(kind, typeFailure, span)
            }
            return try read(MethodCall(name: name, receiver: receiver, args: values, span: span, interp: interp))
        }
        if plan.isMutating {
            throw ScriptError("cannot use mutating member '\(name)' on an immutable value (declare it with 'var')",
                              at: span)
        }
        if let failure = plan.labelFailure { throw ScriptError(failure.message, at: span, argument: failure.argument) }
        if plan.overloads.isEmpty { return nil }
        var typeFailure: String?
        for o in plan.overloads {
            guard case .method(let body) = o.implementation,
                  let values = try arguments(o, args, interp: interp, span: span, failure: &typeFailure)
            else { continue }
            return try body(MethodCall(name: name, receiver: receiver, args: values, span: span, interp: interp))
        }
        throw mismatch(kind, typeFailure, span)
    }

    /// Runs a mutating method on a variable's storage; nil if `kind` has no mutating method of
    /// this name (the caller then treats the call as non-mutating).
    func callMutating(_ receiver: inout Value, _ kind: Receiver, _ args: [Value], interp: Interpreter,
                      span: Span) throws -> Value? {
        let plan = plans[kind.rawValue] ?? makePlan(kind)
        guard plan.isMutating else { return nil }
        if let failure = plan.labelFailure { throw ScriptError(failure.message, at: span, argument: failure.argument) }
        var typeFailure: String?
        for o in plan.overloads {
            guard case .mutating(let body) = o.implementation,
                  let values = try arguments(o, args, interp: interp, span: span, failure: &typeFailure)
            else { continue }
            return try body(&receiver,
                            MethodCall(name: name, receiver: .void, args: values, span: span, interp: interp))
        }
        throw mismatch(kind, typeFailure, span)
    }

    /// Matches the site's labels against each overload for `kind`, once, and keeps the result.
    private func makePlan(_ kind: Receiver) -> Plan {
        let plan = Plan()
        plans[kind.rawValue] = plan
        let overloads = MethodTable.methods(kind, name)
        guard !overloads.isEmpty else { return plan }
        plan.isMutating = overloads.contains(where: \.isMutating)
        for method in overloads {
            guard let matched = ArgumentMatcher(method.parameters).match(labels) else { continue }
            plan.overloads.append(Overload(method, sources: matched.map(\.first), argumentCount: labels.count))
        }
        if plan.overloads.count == 1, !plan.isMutating { plan.only = plan.overloads[0] }
        if plan.overloads.isEmpty {
            // Word the failure against the overload the call looks most like: the most labels in common.
            let closest = overloads.max { shared($0) < shared($1) } ?? overloads[0]
            let matcher = ArgumentMatcher(closest.parameters)
            plan.labelFailure = (matcher.failure(labels) + "; expected " + MethodSite.signatures(overloads),
                                 matcher.offendingArgument(labels))
        }
        return plan
    }

    /// How many of the call's labels `method` has, then whether it takes as many arguments.
    private func shared(_ method: BuiltinMethod) -> Int {
        let theirs = Set(method.parameters.compactMap(\.label))
        return 2 * labels.filter { $0.map(theirs.contains) ?? false }.count
            + (method.parameters.count == labels.count ? 1 : 0)
    }

    /// The values for the overload's parameters: defaults filled in, types checked, Ints widened
    /// for Doubles; nil (with `failure` set) if an argument has the wrong type.
    @inline(__always) private func arguments(_ o: Overload, _ args: [Value], interp: Interpreter, span: Span,
                           failure: inout String?) throws -> [Value]? {
        var values = o.inOrder ? args : o.sources.enumerated().map { i, source in
            source.map { args[$0] } ?? o.defaults[i]
        }
        for i in o.types.indices where !o.types[i].admitsUnchanged(values[i]) {
            guard let converted = try interp.convert(values[i], to: o.types[i], span: span) else {
                if failure == nil { failure = interp.argumentTypeError(values[i], o.types[i]) }
                return nil
            }
            values[i] = converted
        }
        return values
    }

    /// The type error of a call no overload accepts, with every signature.
    private func mismatch(_ kind: Receiver, _ typeFailure: String?, _ span: Span) -> ScriptError {
        ScriptError((typeFailure ?? "no matching call") + "; expected "
                    + MethodSite.signatures(MethodTable.methods(kind, name)), at: span)
    }

    /// `sorted() or sorted(by: Closure)`, for argument errors.
    static func signatures(_ overloads: [BuiltinMethod]) -> String {
        overloads.map(\.signature).joined(separator: " or ")
    }
}

/// One site `value.name` (not a call): the builtin property for each receiver kind, looked up once.
final class PropertySite {
    let name: String
    // Unchecked exclusivity, as for `MethodSite.plans`.
    @exclusivity(unchecked) private var readers: [((MethodCall) throws -> Value)?] =
        Array(repeating: nil, count: Receiver.allCases.count)
    @exclusivity(unchecked) private var looked = [Bool](repeating: false, count: Receiver.allCases.count)

    init(name: String) {
        self.name = name
    }

    /// The property's reader for `kind`, or nil if that kind has no such property.
    func reader(_ kind: Receiver) -> ((MethodCall) throws -> Value)? {
        if looked[kind.rawValue] { return readers[kind.rawValue] }
        looked[kind.rawValue] = true
        if case .property(let read)? = MethodTable.property(kind, name)?.implementation {
            readers[kind.rawValue] = read
        }
        return readers[kind.rawValue]
    }
}
