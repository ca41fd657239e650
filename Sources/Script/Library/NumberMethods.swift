import Foundation

let numberMembers = [
    "description", "isMultiple", "magnitude", "signum", "rounded", "squareRoot", "isNaN", "isInfinite", "isFinite",
    "truncatingRemainder",
]

extension Library {
    static func intProperty(_ i: Int, _ name: String) -> Value? {
        switch name {
        case "description": return .string(String(i))
        case "magnitude": return i == Int.min ? nil : .int(abs(i))
        case "isZero": return .bool(i == 0)
        default: return nil
        }
    }

    static func doubleProperty(_ d: Double, _ name: String) -> Value? {
        switch name {
        case "description": return .string(d.description)
        case "magnitude": return .double(d.magnitude)
        case "isNaN": return .bool(d.isNaN)
        case "isInfinite": return .bool(d.isInfinite)
        case "isFinite": return .bool(d.isFinite)
        case "isZero": return .bool(d == 0)
        default: return nil
        }
    }

    static func intMethod(_ i: Int, _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "isMultiple":
            try c.expect(["of"])
            let n = try c.int(0)
            return .bool(n == 0 ? i == 0 : i % n == 0)
        case "signum": try c.expect([]); return .int(i.signum())
        default: return nil
        }
    }

    static func doubleMethod(_ d: Double, _ c: MethodCall) throws -> Value? {
        switch c.name {
        case "rounded":
            if try c.expectOneOf([[], [nil]]) == 0 { return .double(d.rounded()) }
            let rule: FloatingPointRoundingRule
            switch c.args[0].symbolValue {
            case "up": rule = .up
            case "down": rule = .down
            case "towardZero": rule = .towardZero
            case "toNearestOrEven": rule = .toNearestOrEven
            case "toNearestOrAwayFromZero": rule = .toNearestOrAwayFromZero
            case "awayFromZero": rule = .awayFromZero
            default: throw c.error("unknown rounding rule '\(c.args[0].description)'; use .up, .down, .towardZero or .toNearestOrEven")
            }
            return .double(d.rounded(rule))
        case "squareRoot": try c.expect([]); return .double(d.squareRoot())
        case "truncatingRemainder":
            try c.expect(["dividingBy"])
            return .double(d.truncatingRemainder(dividingBy: try c.double(0)))
        case "signum": try c.expect([]); return .double(d.sign == .minus ? -1 : (d == 0 ? 0 : 1))
        default: return nil
        }
    }
}
