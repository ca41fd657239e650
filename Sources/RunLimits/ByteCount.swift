import Foundation

/// Byte sizes as people write them: `512M`, `4G`, `1.5GB`, `2048` (bytes).
public enum ByteCount {
    /// Parses `text`; nil when it is not a positive size.
    public static func parse(_ text: String) -> Int? {
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        if digits.hasSuffix("IB") { digits.removeLast(2) } else if digits.hasSuffix("B") { digits.removeLast() }
        let units: [Character: Double] = ["K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776]
        var scale = 1.0
        if let last = digits.last, let unit = units[last] {
            scale = unit
            digits.removeLast()
        }
        guard let number = Double(digits.trimmingCharacters(in: .whitespaces)), number.isFinite, number > 0 else {
            return nil
        }
        let bytes = number * scale
        guard bytes >= 1, bytes < Double(Int.max / 4) else { return nil }
        return Int(bytes)
    }

    /// `1.5 GB`, `640 MB`, `12 KB`, `300 bytes`, in binary units as the budget is written.
    public static func format(_ bytes: Int) -> String {
        for (unit, size) in [("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] where bytes >= size {
            let scaled = Double(bytes) / Double(size)
            if scaled >= 100 { return "\(Int(scaled.rounded())) \(unit)" }
            let tenths = (scaled * 10).rounded() / 10
            return (tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)) + " " + unit
        }
        return "\(bytes) bytes"
    }

    /// `count × stride` bytes, saturating at `Int.max` so that a hostile count cannot overflow a check.
    public static func product(_ count: Int, _ stride: Int) -> Int {
        guard count > 0, stride > 0 else { return 0 }
        let (result, overflow) = count.multipliedReportingOverflow(by: stride)
        return overflow ? Int.max : result
    }
}
