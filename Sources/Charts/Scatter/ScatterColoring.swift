/// How scatter points are coloured.
public enum ScatterColoring: Sendable {
    /// One colour for all points.
    case single
    /// A class index per point (0-based), named in the legend; classes also differ in marker shape.
    case classes([Int], names: [String])
    /// A continuous value per point (such as the time step), on the viridis scale with a colour bar.
    case values([Double], label: String)
}

/// What both scatter charts need from a colouring.
extension ScatterColoring {
    /// Checks the per-point arrays against `count` points.
    func check(count: Int, chart: String) throws {
        switch self {
        case .single: break
        case .classes(let classes, let names):
            guard classes.count == count else {
                throw ChartError(chart, "\(classes.count) class indices for \(count) points; give one class per point")
            }
            if let bad = classes.first(where: { $0 < 0 || $0 >= names.count }) {
                throw ChartError(chart, "class index \(bad) has no name (\(names.count) names given); "
                                 + "indices run from 0 to names.count − 1")
            }
        case .values(let values, _):
            guard values.count == count else {
                throw ChartError(chart, "\(values.count) colour values for \(count) points; give one value per point")
            }
        }
    }

    /// One legend entry per class (none for other colourings); compact charts draw every class round.
    func legendEntries(compact: Bool) -> [LegendEntry] {
        guard case .classes(_, let names) = self else { return [] }
        return names.indices.map { i in
            var style = SeriesStyle.at(i)
            if compact { style.marker = .circle }
            return LegendEntry(label: names[i], style: style, swatch: .marker)
        }
    }

    /// The finite range of continuous values (0…1 for other colourings).
    var valueRange: ClosedRange<Double> {
        guard case .values(let values, _) = self else { return 0...1 }
        let finite = values.filter(\.isFinite)
        return (finite.min() ?? 0)...(finite.max() ?? 1)
    }

    /// The colour and marker of point `i`; compact charts bin continuous values into 32 colours
    /// so that many points share a path.
    func look(of i: Int, range: ClosedRange<Double>, compact: Bool) -> (color: RGB, marker: Marker) {
        switch self {
        case .single:
            return (RGB(hex: Palette.categorical[0]), .circle)
        case .classes(let classes, _):
            let style = SeriesStyle.at(classes[i])
            return (RGB(hex: style.color), compact ? .circle : style.marker)
        case .values(let values, _):
            let span = range.upperBound - range.lowerBound
            let t = span > 0 ? (values[i] - range.lowerBound) / span : 0.5
            return (ColorMap.viridis.color(at: compact ? (t * 31).rounded() / 31 : t), .circle)
        }
    }
}
