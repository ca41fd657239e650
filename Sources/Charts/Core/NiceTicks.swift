import Foundation

/// Evenly spaced "nice" ticks (steps of 1, 2 or 5 × 10^k) that cover a data range.
///
/// Tick values are built as integer multiples of the step divided by a power of ten, so that
/// 3 × 0.1 is the double nearest 0.3 rather than 0.30000000000000004, and labels use exactly as
/// many decimals as the step needs.
public struct NiceTicks: Equatable, Sendable {
    /// The tick values, ascending; the first and last are the domain bounds.
    public let values: [Double]
    /// Labels for `values`.
    public let labels: [String]
    /// The distance between neighbouring ticks.
    public let step: Double

    /// The domain the ticks span (covers `low...high`).
    public var domain: ClosedRange<Double> { (values.first ?? 0)...(values.last ?? 1) } // always ≥ 2 values

    /// Ticks covering `low...high` with roughly `count` intervals. Equal bounds are widened so
    /// that a constant series still gets an axis. `integerOnly` keeps the step ≥ 1.
    public init(low: Double, high: Double, count: Int = 5, integerOnly: Bool = false) {
        var (lo, hi) = (min(low, high), max(low, high))
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        // Keep the arithmetic below finite: spans near Double's limits, or values so tiny that
        // their tick step would underflow, are clamped / treated as zero.
        (lo, hi) = (max(lo, -1e300), min(hi, 1e300))
        if abs(lo) < 1e-280 && abs(hi) < 1e-280 { (lo, hi) = (0, 0) }
        if hi - lo <= abs(hi) * 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let rough = (hi - lo) / Double(max(1, count))
        var exponent = Int(Foundation.log10(rough).rounded(.down))
        let fraction = rough / pow10(exponent)
        var multiplier: Int
        switch fraction {
        case ..<1.5: multiplier = 1
        case ..<3: multiplier = 2
        case ..<7: multiplier = 5
        default: multiplier = 1; exponent += 1
        }
        if integerOnly && exponent < 0 { (multiplier, exponent) = (1, 0) }
        // step = multiplier × 10^exponent; with exponent < 0 work in units of 10^exponent.
        let unit = pow10(exponent)
        let stepSize = Double(multiplier) * unit
        // The small tolerance keeps a bound that sits on a tick (0.3 / 0.1 = 2.9999…) on it.
        let firstIndex = Int((lo / stepSize + 1e-9).rounded(.down))
        let lastIndex = Int((hi / stepSize - 1e-9).rounded(.up))
        var values: [Double] = []
        for i in firstIndex...max(firstIndex + 1, lastIndex) {
            let units = Double(i * multiplier)
            values.append(exponent < 0 ? units / pow10(-exponent) : units * unit)
        }
        self.values = values
        self.step = stepSize
        let magnitude = max(abs(values.first ?? 0), abs(values.last ?? 0))
        if magnitude >= 1e6 || (exponent < -4 && magnitude < 1e-3) {
            self.labels = values.map { $0 == 0 ? "0" : scientific($0) }
        } else {
            // Thousands separators from 10,000 up ("20,000"), as a reader writes step counts.
            self.labels = values.map { v in
                exponent >= 0 && magnitude >= 10_000 ? grouped(Int(v)) : fixed(v, decimals: max(0, -exponent))
            }
        }
    }
}
