/// The look every chart shares: one font stack, the font sizes of each kind of text, and the
/// colours of axes, grid and text. Charts take their sizes from here so that a figure's labels
/// read the same in every chart of a report.
enum ChartStyle {
    /// System UI fonts first (crisp on screen), DejaVu Sans last (present on Debian and in print).
    static let fontStack = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'DejaVu Sans',sans-serif"
    /// The chart's title.
    static let titleFont = 15.0
    /// The muted line under the title, and legend entries.
    static let subtitleFont = 11.5
    /// Legend entries.
    static let legendFont = 11.5
    /// Tick labels.
    static let tickFont = 11.0
    /// Axis titles.
    static let labelFont = 12.0
    /// Axis lines and ticks.
    static let axisColor = "#444"
    /// Grid lines behind the data.
    static let gridColor = "#e3e7ee"
    /// Tick labels.
    static let tickTextColor = "#333"
    /// The subtitle and other secondary text.
    static let mutedTextColor = "#555"
}
