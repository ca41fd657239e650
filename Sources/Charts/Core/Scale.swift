import Foundation

/// Maps data values on one axis to pixel positions, and chooses the ticks drawn on that axis.
public struct Scale: Sendable {
    /// How values are spaced along the axis.
    public enum Kind: Sendable { case linear, log10 }

    /// Linear or log spacing.
    public let kind: Kind
    /// Data range shown, already extended to "nice" tick bounds (both > 0 for log).
    public let domain: ClosedRange<Double>
    /// Pixel range: `range.lowerBound` is where `domain.lowerBound` lands (may be > upper, for y).
    public let pixels: (Double, Double)
    /// Tick positions in data units, inside `domain`.
    public let ticks: [Double]
    /// Tick labels, formatted from the tick step (no float noise).
    public let labels: [String]

    /// A linear scale over the finite values of `data`, extended to nice ticks (about
    /// `tickCount`). `integerTicks` forbids fractional steps (epochs, counts).
    /// `includeZero` makes bar charts start at zero.
    public static func linear(covering data: [Double], pixels: (Double, Double), tickCount: Int = 5,
                              integerTicks: Bool = false, includeZero: Bool = false) -> Scale {
        var low = Double.infinity, high = -Double.infinity
        for v in data where v.isFinite { low = min(low, v); high = max(high, v) }
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if !low.isFinite { (low, high) = (0, 1) }
        let ticks = NiceTicks(low: low, high: high, count: tickCount, integerOnly: integerTicks)
        return Scale(kind: .linear, domain: ticks.domain, pixels: pixels, ticks: ticks.values, labels: ticks.labels)
    }

    /// A linear scale whose domain is exactly `range` (a picture's extent, which the axes must
    /// match), with nice ticks (about `tickCount`) at the round values inside it.
    static func linear(spanning range: ClosedRange<Double>, pixels: (Double, Double), tickCount: Int = 5) -> Scale {
        let nice = NiceTicks(low: range.lowerBound, high: range.upperBound, count: tickCount)
        // The tolerance keeps a bound that sits on a tick (−1.0000000001) on it.
        let slack = nice.step * 1e-9
        let kept = (range.lowerBound - slack)...(range.upperBound + slack)
        let inside = nice.values.indices.filter { kept.contains(nice.values[$0]) }
        return Scale(kind: .linear, domain: range, pixels: pixels, ticks: inside.map { nice.values[$0] },
                     labels: inside.map { nice.labels[$0] })
    }

    /// A base-10 log scale over the positive finite values of `data`, extended to whole decades.
    /// Non-positive values cannot be shown on a log axis and are left out by the charts.
    public static func log(covering data: [Double], pixels: (Double, Double)) -> Scale {
        var low = Double.infinity, high = -Double.infinity
        for v in data where v.isFinite && v > 0 { low = min(low, v); high = max(high, v) }
        if !low.isFinite { (low, high) = (1, 10) }
        var lowExp = Int(Foundation.log10(low).rounded(.down))
        var highExp = Int(Foundation.log10(high).rounded(.up))
        if highExp == lowExp { lowExp -= 1; highExp += 1 }
        // Many decades: label every k-th decade only, to keep labels apart.
        let stride = max(1, (highExp - lowExp + 5) / 6)
        var ticks: [Double] = [], labels: [String] = []
        for e in Swift.stride(from: lowExp, through: highExp, by: stride) {
            ticks.append(pow10(e))
            labels.append(e >= -3 && e <= 5 ? fixed(pow10(e), decimals: max(0, -e)) : "1e\(e)")
        }
        // Few decades: add 2× and 5× ticks so the axis has enough labels to read values off.
        if highExp - lowExp <= 3 {
            for e in lowExp..<highExp {
                for m in [2.0, 5.0] {
                    ticks.append(m * pow10(e))
                    labels.append(e >= -3 && e <= 5 ? fixed(m * pow10(e), decimals: max(0, -e)) : "\(Int(m))e\(e)")
                }
            }
            let order = ticks.indices.sorted { ticks[$0] < ticks[$1] }
            ticks = order.map { ticks[$0] }
            labels = order.map { labels[$0] }
        }
        return Scale(kind: .log10, domain: pow10(lowExp)...pow10(highExp), pixels: pixels, ticks: ticks, labels: labels)
    }

    /// The pixel position of `value`; nil when the value cannot be placed (non-finite, or ≤ 0 on a log axis).
    @inline(__always)
    public func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let t: Double
        switch kind {
        case .linear:
            let span = domain.upperBound - domain.lowerBound
            t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
        case .log10:
            guard value > 0 else { return nil }
            let lo = Foundation.log10(domain.lowerBound), hi = Foundation.log10(domain.upperBound)
            t = (Foundation.log10(value) - lo) / (hi - lo)
        }
        return pixels.0 + t * (pixels.1 - pixels.0)
    }

    /// Like `position`, but values outside the domain are pinned to its edge.
    public func clampedPosition(_ value: Double) -> Double? {
        guard let p = position(value) else { return nil }
        let lo = min(pixels.0, pixels.1), hi = max(pixels.0, pixels.1)
        return min(hi, max(lo, p))
    }
}
