/// Why a chart could not be drawn from the data it was given. Each message says what was
/// expected, what was found, and what to do about it.
public struct ChartError: Error, CustomStringConvertible, Equatable {
    /// The chart or encoder that refused the input, e.g. "LineChart" or "PNG encoder".
    public var source: String
    /// What was wrong and how to fix it.
    public var message: String

    /// Creates the chart; the data is checked when `svg` is called.
    /// An error from `source` (the chart's name) with a message for the user.
    public init(_ source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    /// "source: message", as printed to the user.
    public var description: String { "\(source): \(message)" }
}

/// Checks a requested chart size. Charts lay out text in user units, so below 160 × 120 labels
/// collide and above 4000 the markup grows for nothing.
func checkCanvas(width: Double, height: Double, chart: String) throws {
    guard width.isFinite, height.isFinite, (160...4000).contains(width), (120...4000).contains(height) else {
        throw ChartError(chart,
                         "size \(shortNumber(width)) × \(shortNumber(height)) is outside 160…4000 × 120…4000; "
                         + "pass width: and height: in that range (the chart scales to the page anyway)")
    }
}
