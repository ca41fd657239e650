import CellOutput
import Charts
import Datasets
import Foundation
import Learn
import Script

/// A 2-D classifier's decision regions as a tinted raster (one tint per class, paler where the
/// model is less sure) with the data points drawn on top, framed by x/y axes and a class legend.
struct DecisionRegionChart {
    let grid: PlaneGrid
    /// Predicted class per grid point, top row first.
    let classes: [Int]
    /// Probability of that class per grid point.
    let confidence: [Float]
    let points: PointDataset
    let classNames: [String]
    let title: String
    let subtitle: String

    func svg(width: Double, height: Double) throws -> String {
        guard width >= 160, height >= 160, width.isFinite, height.isFinite else {
            throw HostError("decisionRegions needs width and height of at least 160, got \(width)×\(height)")
        }
        let classCount = max(classNames.count, (classes.max() ?? 0) + 1)
        let top = 64.0, left = 52.0, bottom = 38.0
        let side = max(60, min(width - left - 16, height - top - bottom))
        let x0 = left + (width - left - 16 - side) / 2, y0 = top
        var body = ""
        body += text(title, x: width / 2, y: 20, size: 15, extra: " font-weight=\"600\"")
        body += text(subtitle, x: width / 2, y: 38, size: 11.5, extra: " fill=\"#555\"")
        body += legend(classCount: classCount, centre: width / 2, y: 56)
        let image = try raster(classCount: classCount)
        body += "<image x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(side))\" height=\"\(n(side))\" preserveAspectRatio=\"none\" "
            + "style=\"image-rendering:pixelated\" href=\"\(try image.dataURI())\"/>"
        body += markers(x0: x0, y0: y0, side: side)
        body += "<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(side))\" height=\"\(n(side))\" fill=\"none\" stroke=\"#444\"/>"
        body += axes(x0: x0, y0: y0, side: side)
        let svgHeight = y0 + side + bottom
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(svgHeight))\" width=\"100%\" "
            + "style=\"max-width:\(n(width))px;height:auto\" font-family=\"system-ui,'Segoe UI',Roboto,Arial,'DejaVu Sans',sans-serif\" "
            + "fill=\"#1d2430\" role=\"img\"><title>\(escapeMarkup(title.isEmpty ? "decision regions" : title))</title>"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\(body)</svg>"
    }

    /// Class c's tint at two strengths: anchors 2c (unsure, near white) and 2c + 1 (sure).
    /// A grid point's value 2c + s, with s its confidence rescaled from chance…1 to 0…1, lands between them.
    private func raster(classCount: Int) throws -> RasterImage {
        let anchors = (0..<classCount).flatMap { c -> [RGB] in
            let base = rgb(Palette.categorical[c % Palette.categorical.count])
            return [tint(base, 0.9), tint(base, 0.62)]
        }
        let chance = 1 / Float(max(classCount, 2))
        let values = zip(classes, confidence).map { c, p in Double(2 * c) + Double(min(1, max(0, (p - chance) / (1 - chance)))) }
        return try RasterImage.colorMapped(values, width: grid.resolution, height: grid.resolution,
                                           colorMap: ColorMap(anchors: anchors), range: 0...Double(2 * classCount - 1))
    }

    /// Data points as class-coloured circles (squares for odd classes, for grey-scale print) with a white edge.
    private func markers(x0: Double, y0: Double, side: Double) -> String {
        var markup = "<g stroke=\"#fff\" stroke-width=\".8\">"
        for i in 0..<points.count {
            let (x, y) = points.point(at: i)
            let px = x0 + Double((x - grid.xRange.lowerBound) / (grid.xRange.upperBound - grid.xRange.lowerBound)) * side
            let py = y0 + Double((grid.yRange.upperBound - y) / (grid.yRange.upperBound - grid.yRange.lowerBound)) * side
            let label = Int(points.labels[i]), color = Palette.categorical[label % Palette.categorical.count]
            markup += label % 2 == 0
                ? "<circle cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"3.2\" fill=\"\(color)\"/>"
                : "<rect x=\"\(n(px - 2.9))\" y=\"\(n(py - 2.9))\" width=\"5.8\" height=\"5.8\" fill=\"\(color)\"/>"
        }
        return markup + "</g>"
    }

    private func legend(classCount: Int, centre: Double, y: Double) -> String {
        let names = (0..<classCount).map { $0 < classNames.count ? classNames[$0] : "class \($0)" }
        let widths = names.map { Double($0.count) * 6.6 + 26 }
        var x = centre - widths.reduce(0, +) / 2, markup = ""
        for (c, name) in names.enumerated() {
            let color = Palette.categorical[c % Palette.categorical.count]
            markup += c % 2 == 0 ? "<circle cx=\"\(n(x + 6))\" cy=\"\(n(y - 4))\" r=\"4\" fill=\"\(color)\"/>"
                : "<rect x=\"\(n(x + 2))\" y=\"\(n(y - 8))\" width=\"8\" height=\"8\" fill=\"\(color)\"/>"
            markup += text(name, x: x + 15, y: y, size: 11.5, anchor: "start")
            x += widths[c]
        }
        return markup
    }

    /// Ticks at round values (steps of 1, 2 or 5 × 10ᵏ, about five per axis) along both axes.
    private func axes(x0: Double, y0: Double, side: Double) -> String {
        var markup = ""
        let xr = (Double(grid.xRange.lowerBound), Double(grid.xRange.upperBound))
        let yr = (Double(grid.yRange.lowerBound), Double(grid.yRange.upperBound))
        for (value, label) in ticks(xr.0, xr.1) {
            let px = x0 + (value - xr.0) / (xr.1 - xr.0) * side
            markup += "<path d=\"M\(n(px)) \(n(y0 + side))v4\" stroke=\"#444\"/>"
            markup += text(label, x: px, y: y0 + side + 16, size: 10.5)
        }
        for (value, label) in ticks(yr.0, yr.1) {
            let py = y0 + (yr.1 - value) / (yr.1 - yr.0) * side
            markup += "<path d=\"M\(n(x0)) \(n(py))h-4\" stroke=\"#444\"/>"
            markup += text(label, x: x0 - 7, y: py + 3.5, size: 10.5, anchor: "end")
        }
        markup += text("x", x: x0 + side / 2, y: y0 + side + 32, size: 11.5)
        markup += text("y", x: x0 - 40, y: y0 + side / 2 + 4, size: 11.5)
        return markup
    }

    /// Round tick values inside low…high with their labels.
    private func ticks(_ low: Double, _ high: Double) -> [(Double, String)] {
        let raw = (high - low) / 5, magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let decimals = max(0, -Int(floor(log10(step))))
        var values: [(Double, String)] = []
        var v = (low / step).rounded(.up) * step
        while v <= high + step * 1e-9 {
            let shown = abs(v) < step * 1e-6 ? 0 : v
            values.append((v, String(format: "%.\(decimals)f", shown)))
            v += step
        }
        return values
    }

    private func text(_ s: String, x: Double, y: Double, size: Double, anchor: String = "middle", extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\"\(extra)>\(escapeMarkup(s))</text>"
    }

    private func n(_ v: Double) -> String { String(format: "%.1f", v) }

    private func rgb(_ hex: String) -> RGB {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        return RGB(r: Double((value >> 16) & 0xff) / 255, g: Double((value >> 8) & 0xff) / 255, b: Double(value & 0xff) / 255)
    }

    /// `color` mixed with white; `white` is the share of white.
    private func tint(_ color: RGB, _ white: Double) -> RGB {
        RGB(r: color.r + (1 - color.r) * white, g: color.g + (1 - color.g) * white, b: color.b + (1 - color.b) * white)
    }
}
