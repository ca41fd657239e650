import Foundation

extension Interpreter {
    /// Installs the free functions and builtin type namespaces every cell can use.
    func installBuiltins() {
        installOutputBuiltins()
        installMathBuiltins()
        installSequenceBuiltins()
        installOperatorFunctions()
        installTypeNamespaces()
        installClockBuiltins()
        installPercentBuiltin()
    }

    /// `sqrt`, `exp`, `pow`, `abs`, `min`, `max` and the rest of the math functions.
    private func installMathBuiltins() {
        let unary: [(String, (Double) -> Double)] = [
            ("sqrt", { $0.squareRoot() }), ("exp", Foundation.exp), ("log", Foundation.log), ("log2", Foundation.log2),
            ("log10", Foundation.log10), ("sin", Foundation.sin), ("cos", Foundation.cos), ("tan", Foundation.tan),
            ("tanh", Foundation.tanh), ("atan", Foundation.atan), ("asin", Foundation.asin), ("acos", Foundation.acos),
            ("floor", Foundation.floor), ("ceil", Foundation.ceil), ("round", Foundation.round),
        ]
        for (name, f) in unary {
            register(function: name, [.positional("x", .double)]) { args in .double(f(args.double("x"))) }
        }
        register(function: "pow", [.positional("base", .double), .positional("exponent", .double)]) { args in
            .double(Foundation.pow(args.double("base"), args.double("exponent")))
        }
        register(function: "atan2", [.positional("y", .double), .positional("x", .double)]) { args in
            .double(Foundation.atan2(args.double("y"), args.double("x")))
        }
        register(function: "abs", [.positional("x")]) { args in
            switch args["x"] {
            case .int(let i):
                guard i != Int.min else {
                    throw HostError("arithmetic operation 'abs(\(i))' (on type 'Int') results in an overflow")
                }
                return .int(Swift.abs(i))
            case .double(let d): return .double(Swift.abs(d))
            case let v:
                throw HostError("cannot convert value of type '\(v.typeName)' to expected argument type 'Int' or "
                                + "'Double'")
            }
        }
        for name in ["min", "max"] {
            let isMin = name == "min"
            register(function: name, [.positional("x"), .positional("y"), .variadic("rest")]) { args in
                var items = [args["x"], args["y"]] + args.array("rest")
                // Mixed Int and Double (as with literals, `max(x, 0)`) compare as Doubles.
                if items.contains(where: { if case .double = $0 { return true }; return false }) {
                    items = items.map { if case .int(let i) = $0 { return .double(Double(i)) }; return $0 }
                }
                var best = items[0]
                for v in items.dropFirst() {
                    guard let lt = Operators.less(v, best) else {
                        throw HostError("\(name)() needs values of one comparable type, got '\(best.typeName)' and "
                                        + "'\(v.typeName)'")
                    }
                    if lt == isMin && Operators.equal(v, best) != true { best = v }
                }
                return best
            }
        }
    }

    /// Operators as function values: `reduce(0, +)`, `sorted(by: >)`.
    private func installOperatorFunctions() {
        for op in ["+", "-", "*", "/", "%"] {
            register(function: op, [.positional("lhs"), .positional("rhs")]) { args in
                try Operators.arithmetic(op, args["lhs"], args["rhs"], Span(line: 0, column: 0, length: 1))
            }
        }
        for op in ["<", ">", "<=", ">=", "==", "!="] {
            register(function: op, [.positional("lhs"), .positional("rhs")]) { args in
                .bool(try Operators.compare(op, args["lhs"], args["rhs"], Span(line: 0, column: 0, length: 1)))
            }
        }
    }

    /// `zip`, `stride`, `type(of:)`, `precondition` and `fatalError`.
    private func installSequenceBuiltins() {
        register(function: "zip", [.positional("a"), .positional("b")]) { args in
            guard let a = args["a"].arrayValue ?? args["a"].stringValue.map({ $0.map { .string(String($0)) } }),
                  let b = args["b"].arrayValue ?? args["b"].stringValue.map({ $0.map { .string(String($0)) } }) else {
                throw HostError("zip needs two sequences, got '\(args["a"].typeName)' and '\(args["b"].typeName)'")
            }
            return .array(zip(a, b).map { .tuple(TupleValue([$0, $1])) })
        }
        for (label, closed) in [("to", false), ("through", true)] {
            register(function: "stride", [.labeled("from"), .labeled(label), .labeled("by")]) { args in
                if case .int(let from) = args["from"], case .int(let to) = args[label], case .int(let by) = args["by"] {
                    guard by != 0 else { throw HostError("stride step must not be zero") }
                    return .range(RangeValue(lower: from, upper: to, closed: closed, step: by))
                }
                guard let from = args["from"].doubleValue, let to = args[label].doubleValue,
                      let by = args["by"].doubleValue, by != 0 else {
                    throw HostError("stride needs numbers and a non-zero step")
                }
                let values = closed ? Array(Swift.stride(from: from, through: to, by: by))
                                    : Array(Swift.stride(from: from, to: to, by: by))
                return .doubles(values)
            }
        }
        register(function: "type", [.labeled("of")]) { args in .string(args["of"].typeName) }
        register(function: "precondition",
                 [.positional("condition", .bool),
                  .positional("message", .string, default: .string("precondition failed"))]) { args in
            if !args.bool("condition") { throw HostError(args.string("message")) }
            return .void
        }
        register(function: "fatalError", [.positional("message", .string, default: .string("fatal error"))]) { args in
            throw HostError("fatal error: " + args.string("message"))
        }
    }
}
