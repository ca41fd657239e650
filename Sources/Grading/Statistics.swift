/// Mean, sample standard deviation and range of a value over a submission's runs.
public struct Statistics: Codable, Equatable, Sendable {
    public var mean: Double
    public var sd: Double
    public var min: Double
    public var max: Double
    public var count: Int

    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        count = values.count
        let average = values.reduce(0, +) / Double(values.count)
        mean = average
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        sd = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
        min = values.min()!
        max = values.max()!
    }

    /// `0.0812 ± 0.0041 (0.0763–0.0871)`, or the one value when there was one run.
    public var text: String {
        guard count > 1 else { return Self.format(mean) }
        return "\(Self.format(mean)) ± \(Self.format(sd)) (\(Self.format(min))–\(Self.format(max)))"
    }

    /// Three significant digits; whole numbers as they are.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        var text = String(format: "%.3g", value)
        if text.contains("e") { text = String(format: "%.2e", value) }
        return text
    }
}
