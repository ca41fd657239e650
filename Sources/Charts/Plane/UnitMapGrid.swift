/// What each hidden unit of a small network computes over the input plane: one viridis map per
/// unit, each on its own range (a unit that is constant there is marked "const").
public struct UnitMapGrid: Chart {
    /// One map per unit, top row first (`resolution²` values each).
    public var maps: [[Double]]
    /// The plane the maps cover.
    public var plane: PlaneExtent
    /// The position of the layer the units belong to, and its kind ("Dense").
    public var layerIndex: Int, layerKind: String
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String

    /// Creates the chart; the data is checked when `svg` is called.
    /// - Parameters:
    ///   - layer: the layer's position and kind, e.g. `(0, "Dense")`.
    public init(maps: [[Double]], plane: PlaneExtent, layer: (index: Int, kind: String),
                title: String = "Hidden units over the input plane") {
        self.maps = maps
        self.plane = plane
        (layerIndex, layerKind) = layer
        self.title = title
    }

    /// The maps as an image grid `width` units wide; the height follows from the number of
    /// rows (`height` caps it).
    /// - Throws: `ChartError` when there are no maps or a map does not fill the grid.
    public func svg(width: Double = 640, height: Double? = nil) throws -> String {
        let tiles = try maps.enumerated().map { unit, values in
            ImageTile(image: try RasterImage.colorMapped(values, width: plane.resolution, height: plane.resolution),
                      caption: "unit \(unit + 1)", cornerLabel: values.min() == values.max() ? "const" : nil)
        }
        let subtitle = "layer \(layerIndex) (\(layerKind), \(maps.count) units) · viridis, each unit its own range · "
            + plane.description
        return try ImageGrid(tiles: tiles, title: title, subtitle: subtitle).svg(width: width, height: height)
    }
}
