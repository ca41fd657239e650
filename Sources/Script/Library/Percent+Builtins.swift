extension Interpreter {
    /// `percent(0.9123)` → "91.2%", `percent(0.9123, digits: 2)` → "91.23%": fractions as prose and
    /// tables write them.
    func installPercentBuiltin() {
        register(function: "percent", [.positional("fraction", .double), .labeled("digits", .int, default: .int(1))]) {
            args in
            let digits = args.int("digits")
            guard (0...10).contains(digits) else {
                throw HostError("percent: digits must be between 0 and 10 (got \(digits))")
            }
            let fraction = args.double("fraction")
            guard fraction.isFinite else { return .string("\(fraction)") }
            return .string(String(format: "%.\(digits)f%%", fraction * 100))
        }
    }
}
