/// How a sensitivity map was made, which the figure's subtitle explains.
public enum SensitivityMethod: Sendable, Equatable {
    /// The gradient of the predicted class's score with respect to each pixel.
    case saliency
    /// The drop in the predicted class's probability when a `patch` × `patch` square is hidden.
    case occlusion(patch: Int)

    var explanation: String {
        switch self {
        case .saliency:
            return "red: |∂ score / ∂ pixel| for the predicted class (logit gradient)"
        case .occlusion(let patch):
            return "red: drop in the predicted class's probability when a \(patch)×\(patch) patch is hidden"
        }
    }
}

/// What a model looks at: each image in grey with its sensitivity map blended over it in red,
/// captioned "pred 7 · true 7" (in the warning colour when wrong), the prediction in the corner.
public struct SensitivityGrid: Chart {
    /// One explained image.
    public struct Sample: Sendable {
        /// The image, grey.
        public var image: RasterImage
        /// How much each pixel matters (same size as the image; the sign is ignored).
        public var heat: [Float]
        /// The class the model predicted and the true class.
        public var predicted: Int, label: Int

        /// A grey image, its map, and the predicted and true class.
        public init(image: RasterImage, heat: [Float], predicted: Int, label: Int) {
            self.image = image
            self.heat = heat
            (self.predicted, self.label) = (predicted, label)
        }
    }

    /// The images, in reading order.
    public var samples: [Sample]
    /// How the maps were made.
    public var method: SensitivityMethod
    /// Class names for captions; classes without one show their number.
    public var classNames: [String]
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String

    /// Creates the chart; the data is checked when `svg` is called.
    public init(samples: [Sample], method: SensitivityMethod, classNames: [String], title: String = "Saliency maps") {
        self.samples = samples
        self.method = method
        self.classNames = classNames
        self.title = title
    }

    /// The overlays in rows of at most six, `width` units wide (`height` caps the height).
    /// - Throws: `ChartError` when there are no samples or a map does not match its image.
    public func svg(width: Double = 820, height: Double? = nil) throws -> String {
        let tiles = try samples.map { s in
            let predicted = className(s.predicted, in: classNames)
            return ImageTile(image: try HeatOverlay.blend(image: s.image, heat: s.heat),
                             caption: "pred \(predicted) · true \(className(s.label, in: classNames))",
                             cornerLabel: predicted, highlighted: s.predicted != s.label)
        }
        return try ImageGrid(tiles: tiles, title: title, subtitle: method.explanation,
                             columns: ImageGrid.balancedColumns(tiles.count)).svg(width: width, height: height)
    }
}

/// Class `index`'s name, or its number when there is no name for it.
func className(_ index: Int, in names: [String]) -> String {
    names.indices.contains(index) ? names[index] : String(index)
}
