import CellOutput
import Foundation

/// Accumulates the markup of one chart and wraps it in a scalable `<svg>` root.
///
/// The root carries a `viewBox` and `width="100%"` with a `max-width` equal to the design width,
/// so a chart shrinks with a narrow page but never grows blurry-large. Ids (clip paths,
/// patterns) are written with the placeholder `idPrefix` and replaced at the end by a hash of the
/// whole chart, so twenty charts inlined in one HTML page never share an id by accident.
struct SVGDocument {
    static let idPrefix = "\u{1}ID\u{1}"

    let width: Double
    /// The design height; a chart whose content decides its height (a square plot) may shrink it
    /// after laying out.
    var height: Double
    let title: String
    var body = ""
    var defs = ""

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// A document-unique id for `name`, to be used in `id="…"` and `url(#…)`.
    func id(_ name: String) -> String { "\(SVGDocument.idPrefix)\(name)" }

    mutating func add(_ markup: String) { body += markup }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = "") {
        body += "<rect x=\"\(coord(x))\" y=\"\(coord(y))\" width=\"\(coord(max(0, width)))\" "
            + "height=\"\(coord(max(0, height)))\" fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)/>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, extra: String = "") {
        body += "<line x1=\"\(coord(x1))\" y1=\"\(coord(y1))\" x2=\"\(coord(x2))\" y2=\"\(coord(y2))\" "
            + "stroke=\"\(stroke)\"\(extra.isEmpty ? "" : " " + extra)/>"
    }

    /// Text anchored at (x, y); `anchor` is start, middle or end. The label is escaped here.
    mutating func text(_ label: String, x: Double, y: Double, size: Double, anchor: String = "middle",
                       extra: String = "") {
        body += "<text x=\"\(coord(x))\" y=\"\(coord(y))\" font-size=\"\(coord(size))\""
        if anchor != "start" { body += " text-anchor=\"\(anchor)\"" }
        if !extra.isEmpty { body += " " + extra }
        body += ">\(escapeMarkup(label))</text>"
    }

    /// Title (bold, centred at the top) and an optional muted subtitle under it; returns the
    /// height they take.
    mutating func heading(title: String, subtitle: String?) -> Double {
        var used = 0.0
        if !title.isEmpty {
            text(title, x: width / 2, y: 20, size: ChartStyle.titleFont, extra: "font-weight=\"600\"")
            used = 28
        }
        if let subtitle, !subtitle.isEmpty {
            text(subtitle, x: width / 2, y: used + 14, size: ChartStyle.subtitleFont,
                 extra: "fill=\"\(ChartStyle.mutedTextColor)\"")
            used += 20
        }
        return used
    }

    /// The finished `<svg>` element.
    func markup() -> String {
        let a11y = escapeMarkup(title.isEmpty ? "chart" : title)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(coord(width)) \(coord(height))\" "
        svg += "width=\"100%\" style=\"max-width:\(coord(width))px;height:auto\" "
        svg += "font-family=\"\(ChartStyle.fontStack)\" fill=\"#1d2430\" role=\"img\">"
        svg += "<title>\(a11y)</title>"
        if !defs.isEmpty { svg += "<defs>\(defs)</defs>" }
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        svg += body
        svg += "</svg>"
        guard svg.contains(SVGDocument.idPrefix) else { return svg }
        let unique = "c" + String(fnv1a(svg), radix: 36) + "-"
        return svg.replacingOccurrences(of: SVGDocument.idPrefix, with: unique)
    }
}

/// 64-bit FNV-1a over the UTF-8 bytes: a stable, cheap content hash for ids.
func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}
