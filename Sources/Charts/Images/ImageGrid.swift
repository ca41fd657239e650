/// One picture in an image grid: the image, a caption under it and an optional label in its
/// top-left corner (the predicted class on a sensitivity map).
public struct ImageTile: Sendable {
    /// The picture (grey or RGB).
    public var image: RasterImage
    /// Text under the picture, e.g. "true 9 · pred 8".
    public var caption: String
    /// A short label drawn on a dark box in the top-left corner.
    public var cornerLabel: String?
    /// Draw the caption in the warning colour (e.g. a misclassified example).
    public var highlighted: Bool

    /// Creates the chart; the data is checked when `svg` is called.
    public init(image: RasterImage, caption: String = "", cornerLabel: String? = nil, highlighted: Bool = false) {
        self.image = image
        self.caption = caption
        self.cornerLabel = cornerLabel
        self.highlighted = highlighted
    }
}

/// Images in rows and columns with captions such as "true 9 · pred 8", as an SVG whose images
/// are inline PNG data URIs.
public struct ImageGrid: Chart {
    /// The pictures, in reading order.
    public var tiles: [ImageTile]
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A muted note under the title.
    public var subtitle: String?
    /// Images per row; nil picks up to 10, as many as fit the width legibly.
    public var columns: Int?

    /// Creates the chart; the data is checked when `svg` is called.
    public init(tiles: [ImageTile], title: String = "", subtitle: String? = nil, columns: Int? = nil) {
        self.tiles = tiles
        self.title = title
        self.subtitle = subtitle
        self.columns = columns
    }

    /// Columns for `count` tiles in rows of at most six, as evenly filled as possible
    /// (10 → 2 × 5), for figures whose tiles are few and large.
    public static func balancedColumns(_ count: Int) -> Int {
        let rows = (count + 5) / 6
        return max(1, (count + rows - 1) / max(rows, 1))
    }

    /// The grid as SVG markup `width` units wide; the height follows from the number of rows
    /// (the `height` parameter caps it, shrinking tiles if needed).
    /// - Throws: `ChartError` when there are no tiles.
    public func svg(width: Double = 640, height: Double? = nil) throws -> String {
        try checkCanvas(width: width, height: height ?? 400, chart: "ImageGrid")
        guard !tiles.isEmpty else { throw ChartError("ImageGrid", "no images to show; pass at least one image") }
        // By default as many columns as keep tiles ≥ 64 units wide (room for "true 9 · pred 8").
        let fitting = max(1, min(10, Int((width - 8) / 72)))
        let cols = max(1, min(columns ?? fitting, tiles.count))
        let rows = (tiles.count + cols - 1) / cols
        let gap = 8.0, captionHeight = tiles.contains { !$0.caption.isEmpty } ? 16.0 : 0
        var headingHeight = title.isEmpty ? 0.0 : 28.0
        if let subtitle, !subtitle.isEmpty { headingHeight += 20 }
        let aspect = Double(tiles[0].image.height) / Double(tiles[0].image.width)
        var tileWidth = min(140, (width - gap * Double(cols + 1)) / Double(cols))
        if let height {
            let available = height - headingHeight - 4 - Double(rows) * (captionHeight + gap)
            tileWidth = max(8, min(tileWidth, available / Double(rows) / aspect))
        }
        let tileHeight = tileWidth * aspect
        let gridWidth = Double(cols) * tileWidth + Double(cols - 1) * gap
        let totalHeight = headingHeight + 4 + Double(rows) * (tileHeight + captionHeight + gap)
        var doc = SVGDocument(width: width, height: totalHeight, title: title.isEmpty ? "image grid" : title)
        let top = doc.heading(title: title, subtitle: subtitle) + 4
        let left = (width - gridWidth) / 2
        let captionFont = min(11, max(7.5, tileWidth / 7.5))
        for (i, tile) in tiles.enumerated() {
            let x = left + Double(i % cols) * (tileWidth + gap)
            let y = top + Double(i / cols) * (tileHeight + captionHeight + gap)
            doc.add(tile.image.svgImage(x: x, y: y, width: tileWidth, height: tileHeight))
            doc.add("<rect x=\"\(coord(x))\" y=\"\(coord(y))\" width=\"\(coord(tileWidth))\" "
                    + "height=\"\(coord(tileHeight))\" fill=\"none\" stroke=\"#999\" stroke-width=\".5\"/>")
            if let label = tile.cornerLabel, !label.isEmpty {
                let font = min(12, max(8, tileWidth / 6))
                doc.rect(x: x, y: y, width: textWidth(label, fontSize: font) + 6, height: font + 4, fill: "#000",
                         extra: "fill-opacity=\".7\"")
                doc.text(label, x: x + 3, y: y + font, size: font, anchor: "start",
                         extra: "fill=\"#fff\" font-weight=\"600\"")
            }
            if !tile.caption.isEmpty {
                let bold = tile.highlighted ? 1.08 : 1.0
                let size = min(captionFont, (tileWidth + gap - 2) / (Double(tile.caption.count) * 0.58 * bold))
                doc.text(tile.caption, x: x + tileWidth / 2, y: y + tileHeight + captionFont + 2, size: size,
                         extra: tile.highlighted ? "fill=\"#b42318\" font-weight=\"600\"" : "fill=\"#333\"")
            }
        }
        return doc.markup()
    }
}
