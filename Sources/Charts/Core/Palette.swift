import Foundation

/// The look of the n-th series: a colour, a dash pattern and a marker shape, so that series stay
/// distinguishable when a report is printed in black and white.
public struct SeriesStyle: Equatable, Sendable {
    /// Stroke/fill colour, "#rrggbb".
    public var color: String
    /// SVG `stroke-dasharray`, empty for a solid line.
    public var dash: String
    /// Marker drawn at data points and in the legend.
    public var marker: Marker

    /// The style of series number `index` (cycles after the palette's length).
    public static func at(_ index: Int) -> SeriesStyle {
        let i = ((index % Palette.categorical.count) + Palette.categorical.count) % Palette.categorical.count
        return SeriesStyle(color: Palette.categorical[i], dash: Palette.dashes[index % Palette.dashes.count],
                           marker: Marker.allCases[index % Marker.allCases.count])
    }
}

/// Marker shapes, drawn centred on a point.
public enum Marker: CaseIterable, Sendable {
    case circle, square, triangle, diamond, cross, triangleDown, plus, star

    /// Markup for this marker at (x, y) with half-size `r`, filled with `color`.
    func markup(x: Double, y: Double, r: Double, color: String) -> String {
        let (cx, cy) = (coord(x), coord(y))
        switch self {
        case .circle:
            return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(coord(r))\" fill=\"\(color)\"/>"
        case .square:
            return "<rect x=\"\(coord(x - r * 0.85))\" y=\"\(coord(y - r * 0.85))\" width=\"\(coord(r * 1.7))\" height=\"\(coord(r * 1.7))\" fill=\"\(color)\"/>"
        case .triangle, .triangleDown:
            let s = self == .triangle ? 1.0 : -1.0
            return polygon([(x, y - s * r * 1.15), (x + r, y + s * r * 0.75), (x - r, y + s * r * 0.75)], color)
        case .diamond:
            return polygon([(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)], color)
        case .cross, .plus:
            let d = self == .cross ? r * 0.8 : r
            let path = self == .cross
                ? "M\(coord(x - d)) \(coord(y - d))L\(coord(x + d)) \(coord(y + d))M\(coord(x - d)) \(coord(y + d))L\(coord(x + d)) \(coord(y - d))"
                : "M\(coord(x - d)) \(cy)H\(coord(x + d))M\(cx) \(coord(y - d))V\(coord(y + d))"
            return "<path d=\"\(path)\" stroke=\"\(color)\" stroke-width=\"1.8\" fill=\"none\"/>"
        case .star:
            var points: [(Double, Double)] = []
            for k in 0..<10 {
                let angle = Double(k) * Double.pi / 5 - Double.pi / 2
                let radius = k % 2 == 0 ? r * 1.25 : r * 0.55
                points.append((x + radius * cos(angle), y + radius * sin(angle)))
            }
            return polygon(points, color)
        }
    }

    private func polygon(_ points: [(Double, Double)], _ color: String) -> String {
        let list = points.map { "\(coord($0.0)),\(coord($0.1))" }.joined(separator: " ")
        return "<polygon points=\"\(list)\" fill=\"\(color)\"/>"
    }
}

/// Colour tables.
public enum Palette {
    /// Ten Okabe–Ito-based categorical colours (one per class of a ten-class dataset), ordered so that neighbours differ in lightness as
    /// well as hue (legible for colour-blind readers and on a grey-scale printout).
    public static let categorical = [
        "#0b5cad", "#d55e00", "#009e73", "#1d2430", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d31",
        "#6a3d9a", "#a6d854",
    ]
    /// Dash patterns paired with the colours above.
    public static let dashes = ["", "7 3", "2 2.5", "9 3 2 3", "4 4", "1 3", "12 4", "6 2 1 2 1 2", "3 1", "14 3 3 3"]
}
