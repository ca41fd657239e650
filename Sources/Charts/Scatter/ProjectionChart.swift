/// Samples projected onto their first two principal components, coloured by class, each axis
/// saying how much of the variance it explains: how separable the classes are at some layer.
public struct ProjectionChart: Chart {
    /// Coordinates along the first and second component, one pair per sample.
    public var x: [Double], y: [Double]
    /// Each sample's class (0-based) and the class names.
    public var classes: [Int], classNames: [String]
    /// The share of the variance (0…1) the first and second component explain.
    public var explainedVariance: (first: Double, second: Double)
    /// What was projected, for the subtitle: "inputs", "layer 2 (Dense)".
    public var source: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String

    /// Creates the chart; the data is checked when `svg` is called.
    public init(x: [Double], y: [Double], classes: [Int], classNames: [String],
                explainedVariance: (first: Double, second: Double), source: String, title: String = "PCA projection") {
        (self.x, self.y) = (x, y)
        (self.classes, self.classNames) = (classes, classNames)
        self.explainedVariance = explainedVariance
        self.source = source
        self.title = title
    }

    /// The projection as a scatter chart; `height` nil draws it 480 units high.
    /// - Throws: `ChartError` as `ScatterChart` does (arrays that differ in length, unnamed classes).
    public func svg(width: Double = 640, height: Double? = nil) throws -> String {
        try ScatterChart(x: x, y: y, coloring: .classes(classes, names: classNames),
                         xLabel: "PC1 (\(percent(explainedVariance.first)) of variance)",
                         yLabel: "PC2 (\(percent(explainedVariance.second)))", title: title,
                         subtitle: "\(classes.count) samples · \(source)").svg(width: width, height: height ?? 480)
    }
}
