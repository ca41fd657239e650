/// One call site `receiver.name(args)` on builtin receivers. Which overload the site's labels pick
/// for each receiver kind is worked out on first use and kept, so a call in a loop matches its
/// labels once; each call then only checks argument types.
final class MethodSite {
    let name: String
    let labels: [String?]

    /// An overload whose labels fit, with the argument index for each parameter (nil: default).
    private struct Candidate {
        let method: BuiltinMethod
        let sources: [Int?]
        /// Parameter i takes argument i, and no defaults: the arguments are used as they are.
        let inOrder: Bool
    }

    private enum Plan {
        case candidates([Candidate])
        case labelFailure(String, argument: Int?)
        case noMethod
    }

    private var plans: [Plan?] = Array(repeating: nil, count: Receiver.allCases.count)

    init(name: String, labels: [String?]) {
        self.name = name
        self.labels = labels
    }

    /// Runs the method on an immutable receiver; nil if `receiver` has no method of this name.
    func call(_ receiver: Value, _ kind: Receiver, _ args: [Value], interp: Interpreter, span: Span) throws -> Value? {
        guard case .candidates(let found) = try plan(kind, span: span) else { return nil }
        if found.contains(where: \.method.isMutating) {
            throw ScriptError("cannot use mutating member '\(name)' on an immutable value (declare it with 'var')",
                              at: span)
        }
        var typeFailure: String?
        for c in found {
            guard let values = try arguments(c, args, interp: interp, span: span, failure: &typeFailure),
                  case .method(let body) = c.method.implementation else { continue }
            return try body(MethodCall(name: name, receiver: receiver, args: values, span: span, interp: interp))
        }
        throw mismatch(kind, typeFailure, span)
    }

    /// Runs a mutating method on a variable's storage; nil if `kind` has no mutating method of
    /// this name (the caller then treats the call as non-mutating).
    func callMutating(_ receiver: inout Value, _ kind: Receiver, _ args: [Value], interp: Interpreter,
                      span: Span) throws -> Value? {
        guard MethodTable.isMutating(kind, name) else { return nil }
        guard case .candidates(let found) = try plan(kind, span: span) else { return nil }
        var typeFailure: String?
        for c in found {
            guard let values = try arguments(c, args, interp: interp, span: span, failure: &typeFailure),
                  case .mutating(let body) = c.method.implementation else { continue }
            return try body(&receiver, MethodCall(name: name, receiver: .void, args: values, span: span, interp: interp))
        }
        throw mismatch(kind, typeFailure, span)
    }

    private func plan(_ kind: Receiver, span: Span) throws -> Plan {
        if let known = plans[kind.rawValue] {
            if case .labelFailure(let message, let argument) = known {
                throw ScriptError(message, at: span, argument: argument)
            }
            return known
        }
        let plan = makePlan(kind)
        plans[kind.rawValue] = plan
        return try self.plan(kind, span: span)
    }

    private func makePlan(_ kind: Receiver) -> Plan {
        let overloads = MethodTable.methods(kind, name)
        guard !overloads.isEmpty else { return .noMethod }
        var found: [Candidate] = []
        for method in overloads {
            guard let plan = ArgumentMatcher(method.parameters).match(labels) else { continue }
            let sources = plan.map(\.first)
            let inOrder = sources.count == labels.count && sources.enumerated().allSatisfy { $0.element == $0.offset }
            found.append(Candidate(method: method, sources: sources, inOrder: inOrder))
        }
        if !found.isEmpty { return .candidates(found) }
        // Word the failure against the overload the call looks most like: the most labels in common.
        let closest = overloads.max { shared($0) < shared($1) } ?? overloads[0]
        let matcher = ArgumentMatcher(closest.parameters)
        return .labelFailure(matcher.failure(labels) + "; expected " + MethodSite.signatures(overloads),
                             argument: matcher.offendingArgument(labels))
    }

    /// How many of the call's labels `method` has, then whether it takes as many arguments.
    private func shared(_ method: BuiltinMethod) -> Int {
        let theirs = Set(method.parameters.compactMap(\.label))
        return 2 * labels.filter { $0.map(theirs.contains) ?? false }.count
            + (method.parameters.count == labels.count ? 1 : 0)
    }

    /// The values for the candidate's parameters: defaults filled in, types checked, Ints widened
    /// for Doubles; nil (with `failure` set) if an argument has the wrong type.
    private func arguments(_ c: Candidate, _ args: [Value], interp: Interpreter, span: Span,
                           failure: inout String?) throws -> [Value]? {
        let parameters = c.method.parameters
        var values = c.inOrder ? args : c.sources.enumerated().map { i, source in
            source.map { args[$0] } ?? parameters[i].defaultValue ?? .nil
        }
        for (i, p) in parameters.enumerated() where !p.type.admitsUnchanged(values[i]) {
            guard let converted = try interp.convert(values[i], to: p.type, span: span) else {
                if failure == nil { failure = interp.argumentTypeError(values[i], p.type) }
                return nil
            }
            values[i] = converted
        }
        return values
    }

    private func mismatch(_ kind: Receiver, _ typeFailure: String?, _ span: Span) -> ScriptError {
        ScriptError((typeFailure ?? "no matching call") + "; expected "
                    + MethodSite.signatures(MethodTable.methods(kind, name)), at: span)
    }

    static func signatures(_ overloads: [BuiltinMethod]) -> String {
        overloads.map(\.signature).joined(separator: " or ")
    }
}
