import Foundation

/// Binary operators on host objects (`trainA + trainB` joins two datasets). A host module
/// registers what an operator means for its type; the evaluator asks here before reporting
/// that the operator does not apply. Registrations are by type name, so every interpreter
/// (one per notebook run, several at once in tests) shares them; the result is wrapped by
/// the body, which receives the operands' own host types.
public enum HostOperators {
    /// What `op` gives for two host objects; nil when it does not apply to these operands.
    public typealias Body = @Sendable (_ lhs: HostObject, _ rhs: HostObject) throws -> Value?

    private static let lock = NSLock()
    nonisolated(unsafe) private static var table: [String: Body] = [:]

    /// Makes `op` ("+") apply when the left operand is an object of the host type `typeName`.
    /// Registering again replaces the earlier meaning (each run's prelude registers the same).
    public static func register(_ op: String, for typeName: String, _ body: @escaping Body) {
        lock.lock(); defer { lock.unlock() }
        table[op + " " + typeName] = body
    }

    /// `l + r` for operands the built-in `+` does not take: a host type's meaning, or the usual
    /// "cannot be applied" error.
    static func add(_ l: Value, _ r: Value, _ span: Span) throws -> Value {
        if let result = try apply("+", l, r, span) { return result }
        throw Operators.mismatch("+", l, r, span)
    }

    /// The result of `l op r` when a host type defines it; nil otherwise (the caller reports the mismatch).
    static func apply(_ op: String, _ l: Value, _ r: Value, _ span: Span) throws -> Value? {
        guard case .object(let left) = l, case .object(let right) = r else { return nil }
        lock.lock()
        let body = table[op + " " + left.type.name]
        lock.unlock()
        guard let body else { return nil }
        do {
            return try body(left, right)
        } catch let error as ScriptError {
            throw error.span.line == 0 ? ScriptError(error.message, at: span) : error
        } catch let error as HostError {
            throw ScriptError(error.message, at: span)
        } catch {
            // Engine errors (a DatasetError) read as the host's own words, at the operator.
            throw ScriptError("\(error)", at: span)
        }
    }
}
