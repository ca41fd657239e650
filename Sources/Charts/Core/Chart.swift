/// A figure Folio can draw: every chart, grid and picture in this module conforms, and the cell
/// library registers each one the same way (see CONTRIBUTING.md, "Adding a chart").
///
/// A chart is a value holding its data and options; nothing is drawn until `svg` is called, so a
/// chart can be built, inspected and redrawn at another size.
public protocol Chart: Sendable {
    /// The title drawn at the top; also the SVG `<title>` and the report's caption.
    var title: String { get }

    /// The chart as one self-contained `<svg>` element, `width` user units wide (it scales with
    /// the page). `height` nil lets the chart choose: fixed layouts use their usual height, image
    /// grids grow with their rows.
    /// - Throws: `ChartError` when the data cannot be drawn, saying what to change.
    func svg(width: Double, height: Double?) throws -> String
}
