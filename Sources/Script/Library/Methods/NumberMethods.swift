/// The members of Int, Double and Bool.
extension MethodTable {
    static let numberMethods: [BuiltinMethod] = [
        .property("description", on: [.int, .double, .bool], "The value as text, as `print` shows it.") { c in
            .string(c.receiver.description)
        },
        .property("magnitude", on: [.int], "The absolute value.") { c in
            guard c.integer != Int.min else {
                throw c.error("arithmetic operation 'magnitude' (on type 'Int') results in an overflow")
            }
            return .int(abs(c.integer))
        },
        .property("magnitude", on: [.double], "The absolute value.") { c in .double(c.number.magnitude) },
        .property("isZero", on: [.int, .double], "Whether the value is zero.") { c in .bool(c.number == 0) },
        .property("isNaN", on: [.double], "Whether the value is not a number (`0.0 / 0.0`).") { c in
            .bool(c.number.isNaN)
        },
        .property("isInfinite", on: [.double], "Whether the value is ±infinity.") { c in .bool(c.number.isInfinite) },
        .property("isFinite", on: [.double], "Whether the value is neither infinite nor NaN.") { c in
            .bool(c.number.isFinite)
        },
        .method("isMultiple", on: [.int], [.labeled("of", .int)], "Whether the value is a multiple of `of`.") { c in
            let n = c.int(0)
            return .bool(n == 0 ? c.integer == 0 : c.integer % n == 0)
        },
        .method("signum", on: [.int], "-1, 0 or 1 by the value's sign.") { c in .int(c.integer.signum()) },
        .method("signum", on: [.double], "-1.0, 0.0 or 1.0 by the value's sign.") { c in
            .double(c.number.sign == .minus ? -1 : (c.number == 0 ? 0 : 1))
        },
        .method("squareRoot", on: [.double], "The square root.") { c in .double(c.number.squareRoot()) },
        .method("truncatingRemainder", on: [.double], [.labeled("dividingBy", .double)],
                "The remainder of dividing by the argument, with the sign of the value.") { c in
            .double(c.number.truncatingRemainder(dividingBy: c.double(0)))
        },
        .method("rounded", on: [.double], "The nearest whole number (halves away from zero).") { c in
            .double(c.number.rounded())
        },
        .method("rounded", on: [.double],
                [.positional("rule", .oneOf("FloatingPointRoundingRule", roundingRules.map(\.0)))],
                "The whole number chosen by the rule: `.up`, `.down`, `.towardZero`, `.toNearestOrEven`, ….") { c in
            let rule = roundingRules.first { $0.0 == c.args[0].symbolValue }?.1 ?? .toNearestOrAwayFromZero
            return .double(c.number.rounded(rule))
        },
    ]

    private static let roundingRules: [(String, FloatingPointRoundingRule)] = [
        ("up", .up), ("down", .down), ("towardZero", .towardZero), ("toNearestOrEven", .toNearestOrEven),
        ("toNearestOrAwayFromZero", .toNearestOrAwayFromZero), ("awayFromZero", .awayFromZero),
    ]
}
