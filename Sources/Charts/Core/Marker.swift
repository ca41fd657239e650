import Foundation

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
            return "<rect x=\"\(coord(x - r * 0.85))\" y=\"\(coord(y - r * 0.85))\" width=\"\(coord(r * 1.7))\" "
                + "height=\"\(coord(r * 1.7))\" fill=\"\(color)\"/>"
        case .triangle, .triangleDown:
            let s = self == .triangle ? 1.0 : -1.0
            return polygon([(x, y - s * r * 1.15), (x + r, y + s * r * 0.75), (x - r, y + s * r * 0.75)], color)
        case .diamond:
            return polygon([(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)], color)
        case .cross, .plus:
            let d = self == .cross ? r * 0.8 : r
            let path = self == .cross
                ? "M\(coord(x - d)) \(coord(y - d))L\(coord(x + d)) \(coord(y + d))"
                    + "M\(coord(x - d)) \(coord(y + d))L\(coord(x + d)) \(coord(y - d))"
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
