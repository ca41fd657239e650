import CellOutput
import Foundation

/// Text helpers shared by every chart: compact number formatting (escaping is CellOutput's `escapeMarkup`).
///
/// Coordinates are rounded to one decimal place (a tenth of a CSS pixel is invisible) so that a
/// report with many charts stays small; tick labels are formatted from the tick step so that
/// float noise such as 0.30000000000000004 never reaches the page.


/// Formats a coordinate with at most one decimal, without a trailing ".0" and without "-0".
func coord(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let tenths = Int((value * 10).rounded())
    if tenths == 0 { return "0" }
    let sign = tenths < 0 ? "-" : ""
    let magnitude = abs(tenths)
    let whole = magnitude / 10, frac = magnitude % 10
    return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
}

/// Formats `value` with exactly `decimals` digits after the point (no float noise), trimming
/// nothing: ticks of one axis then line up ("0.5", "1.0", "1.5").
func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    let d = max(0, min(decimals, 12))
    var scale = 1.0
    for _ in 0..<d { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    if scaled >= 9.0e15 { return scientific(value) }
    let n = Int(scaled)
    let negative = value < 0 && n != 0
    var digits = String(n)
    if d > 0 {
        if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
    }
    return (negative ? "−" : "") + digits
}

/// Formats very large or very small numbers as "1.5e-5" with up to three significant digits.
func scientific(_ value: Double) -> String {
    guard value != 0, value.isFinite else { return fixed(value, decimals: 0) }
    var exponent = Int((log10(abs(value))).rounded(.down))
    var mantissa = value / pow10(exponent)
    if abs(mantissa).rounded() >= 10 && abs(mantissa - mantissa.rounded()) < 1e-9 { mantissa /= 10; exponent += 1 }
    var text = fixed(mantissa, decimals: 2)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return "\(text)e\(exponent)"
}

/// A short label for an arbitrary value (bar tops, cell counts): integers stay integers,
/// other numbers get three significant digits.
func shortNumber(_ value: Double) -> String {
    guard value.isFinite else { return fixed(value, decimals: 0) }
    if value == value.rounded() && abs(value) < 1e15 {
        return abs(value) >= 10_000 ? grouped(Int(value)) : fixed(value, decimals: 0)
    }
    let magnitude = abs(value)
    if magnitude >= 1e6 || magnitude < 1e-3 { return scientific(value) }
    let decimals = max(0, 2 - Int(log10(magnitude).rounded(.down)))
    var text = fixed(value, decimals: decimals)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}

/// 10^exponent, exact for the integer exponents charts use.
func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    if exponent >= 0 { for _ in 0..<exponent { result *= 10 } } else { for _ in 0..<(-exponent) { result /= 10 } }
    return result
}

/// Rough rendered width of `text` at `fontSize`, for layout (labels are mostly digits and
/// lower-case letters in a sans-serif font, about 0.58 em each).
func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.58
}
