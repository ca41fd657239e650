import Foundation

/// An sRGB colour with components in 0...1.
public struct RGB: Equatable, Sendable {
    /// Red, green and blue, each 0…1.
    public var r: Double, g: Double, b: Double

    /// A colour from components in 0…1.
    public init(r: Double, g: Double, b: Double) {
        self.r = r; self.g = g; self.b = b
    }

    /// Parses "#rrggbb"; used only for the built-in tables, so a malformed literal yields black.
    init(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        let value = Int(digits, radix: 16) ?? 0
        self.init(r: Double((value >> 16) & 0xff) / 255, g: Double((value >> 8) & 0xff) / 255,
                  b: Double(value & 0xff) / 255)
    }

    /// "#rrggbb", the form written into SVG attributes.
    public var hex: String {
        func byte(_ c: Double) -> String {
            let v = Int((min(1, max(0, c)) * 255).rounded())
            return (v < 16 ? "0" : "") + String(v, radix: 16)
        }
        return "#" + byte(r) + byte(g) + byte(b)
    }

    /// The three components as bytes, for raster images.
    var bytes: (UInt8, UInt8, UInt8) {
        func byte(_ c: Double) -> UInt8 { UInt8((min(1, max(0, c)) * 255).rounded()) }
        return (byte(r), byte(g), byte(b))
    }

    /// Relative luminance (WCAG), used to pick black or white text on a coloured cell.
    public var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// Black or white, whichever contrasts more with this colour as a background.
    public var contrastingText: String {
        // Contrast against white vs. against black; equal at luminance ≈ 0.179.
        luminance > 0.179 ? "#000" : "#fff"
    }

    /// White, the page colour that tints fade toward.
    static let white = RGB(r: 1, g: 1, b: 1)

    /// This colour mixed with white; `share` is the fraction of white (0 keeps the colour).
    func tinted(_ share: Double) -> RGB { RGB.mix(self, .white, share) }

    /// Linear interpolation between two colours, t in 0...1.
    static func mix(_ a: RGB, _ b: RGB, _ t: Double) -> RGB {
        RGB(r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t)
    }
}
