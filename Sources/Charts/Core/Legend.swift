/// One legend entry: a label and how its series is drawn.
struct LegendEntry {
    enum Swatch { case line, box, marker }
    var label: String
    var style: SeriesStyle
    var swatch: Swatch
    /// A fill drawn over a box swatch (a bar group's hatch pattern, `url(#…)`).
    var overlay: String? = nil
    /// Whether a line swatch shows the series' marker (only when the chart draws markers).
    var showsMarker = true
}

/// Draws legend entries in rows centred on `centerX`, wrapping at `maxWidth`; returns the
/// height used. Entries sit above the plot so they never hide data.
func drawLegend(_ doc: inout SVGDocument, entries: [LegendEntry], top: Double, centerX: Double,
                maxWidth: Double) -> Double {
    guard !entries.isEmpty else { return 0 }
    let font = ChartStyle.legendFont, swatchWidth = 26.0, gap = 16.0, rowHeight = 18.0
    let widths = entries.map { swatchWidth + 5 + textWidth($0.label, fontSize: font) }
    var rows: [[Int]] = [[]]
    var rowWidth = 0.0
    for (i, w) in widths.enumerated() {
        if !rows[rows.count - 1].isEmpty && rowWidth + gap + w > maxWidth {
            rows.append([])
            rowWidth = 0
        }
        rowWidth += (rows[rows.count - 1].isEmpty ? 0 : gap) + w
        rows[rows.count - 1].append(i)
    }
    for (r, row) in rows.enumerated() {
        let total = row.map { widths[$0] }.reduce(0, +) + gap * Double(row.count - 1)
        var x = centerX - total / 2
        let y = top + Double(r) * rowHeight + rowHeight / 2
        for i in row {
            let entry = entries[i]
            switch entry.swatch {
            case .line:
                let dash = entry.style.dash.isEmpty ? "" : " stroke-dasharray=\"\(entry.style.dash)\""
                doc.line(x1: x, y1: y, x2: x + swatchWidth, y2: y, stroke: entry.style.color,
                         extra: "stroke-width=\"2\"\(dash)")
                if entry.showsMarker {
                    doc.add(entry.style.marker.markup(x: x + swatchWidth / 2, y: y, r: 3.2, color: entry.style.color))
                }
            case .box:
                doc.add(boxSwatch(x: x + 4, y: y - 6, size: 12, style: entry.style))
                if let overlay = entry.overlay { doc.rect(x: x + 4, y: y - 6, width: 12, height: 12, fill: overlay) }
            case .marker:
                doc.add(entry.style.marker.markup(x: x + swatchWidth / 2, y: y, r: 4, color: entry.style.color))
            }
            doc.text(entry.label, x: x + swatchWidth + 5, y: y + 4, size: font, anchor: "start")
            x += widths[i] + gap
        }
    }
    return Double(rows.count) * rowHeight + 4
}

/// A filled square with the style's hatch, as used for bars.
func boxSwatch(x: Double, y: Double, size: Double, style: SeriesStyle) -> String {
    "<rect x=\"\(coord(x))\" y=\"\(coord(y))\" width=\"\(coord(size))\" height=\"\(coord(size))\" "
        + "fill=\"\(style.color)\" stroke=\"#222\" stroke-width=\".6\"/>"
}
