/// A model's most confident mistakes: each image captioned "true 9 · pred 8" in the warning
/// colour, the model's confidence in its wrong answer in the corner.
public struct MistakeGrid: Chart {
    /// One misclassified image.
    public struct Mistake: Sendable {
        /// The image, grey or RGB.
        public var image: RasterImage
        /// The true class and the predicted one.
        public var label: Int, predicted: Int
        /// The probability the model gave its (wrong) prediction, 0…1.
        public var confidence: Double

        /// An image, its true and predicted class, and the confidence in the prediction.
        public init(image: RasterImage, label: Int, predicted: Int, confidence: Double) {
            self.image = image
            (self.label, self.predicted) = (label, predicted)
            self.confidence = confidence
        }
    }

    /// The mistakes shown, most confident first.
    public var mistakes: [Mistake]
    /// How many mistakes there were in all, and on how many samples (for the subtitle).
    public var totalMistakes: Int, sampleCount: Int
    /// Class names for captions; classes without one show their number.
    public var classNames: [String]
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String

    /// Creates the chart; the data is checked when `svg` is called.
    public init(mistakes: [Mistake], totalMistakes: Int, sampleCount: Int, classNames: [String],
                title: String = "Most confident mistakes") {
        self.mistakes = mistakes
        (self.totalMistakes, self.sampleCount) = (totalMistakes, sampleCount)
        self.classNames = classNames
        self.title = title
    }

    /// The mistakes in rows of at most six, `width` units wide (`height` caps the height).
    /// Without mistakes the chart is its title and a note saying so.
    public func svg(width: Double = 820, height: Double? = nil) throws -> String {
        guard !mistakes.isEmpty else {
            try checkCanvas(width: width, height: height ?? 400, chart: "MistakeGrid")
            var doc = SVGDocument(width: width, height: 0, title: title.isEmpty ? "mistakes" : title)
            doc.height = doc.heading(title: title, subtitle: "no mistakes on \(sampleCount) samples") + 8
            return doc.markup()
        }
        let tiles = mistakes.map { m in
            ImageTile(image: m.image,
                      caption: "true \(className(m.label, in: classNames)) · "
                          + "pred \(className(m.predicted, in: classNames))",
                      cornerLabel: "\(Int((m.confidence * 100).rounded()))%", highlighted: true)
        }
        let subtitle = "\(mistakes.count) of \(totalMistakes) mistakes on \(sampleCount) samples, most confident first "
            + "(corner: confidence)"
        return try ImageGrid(tiles: tiles, title: title, subtitle: subtitle,
                             columns: ImageGrid.balancedColumns(tiles.count)).svg(width: width, height: height)
    }
}
