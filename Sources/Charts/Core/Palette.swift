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

/// Colour tables.
public enum Palette {
    /// Ten Okabe–Ito-based categorical colours (one per class of a ten-class dataset), ordered so
    /// that neighbours differ in lightness as well as hue (legible for colour-blind readers and on
    /// a grey-scale printout).
    public static let categorical = [
        "#0b5cad", "#d55e00", "#009e73", "#1d2430", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d31",
        "#6a3d9a", "#a6d854",
    ]
    /// Dash patterns paired with the colours above.
    public static let dashes = ["", "7 3", "2 2.5", "9 3 2 3", "4 4", "1 3", "12 4", "6 2 1 2 1 2", "3 1", "14 3 3 3"]
}
