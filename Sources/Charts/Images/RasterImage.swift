import Foundation

/// An 8-bit raster: `height` rows of `width` pixels with `channels` interleaved bytes each
/// (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), top row first.
public struct RasterImage: Equatable, Sendable {
    /// Pixels per row.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Bytes per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
    public let channels: Int
    /// `width × height × channels` bytes, top row first.
    public let pixels: [UInt8]

    /// Wraps pixels already known to have the right count (internal: callers construct them).
    init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// A grey image from bytes (0 black … 255 white).
    /// - Throws: `ChartError` when `pixels.count != width × height`.
    public init(gray pixels: [UInt8], width: Int, height: Int) throws {
        try RasterImage.checkSize(pixels.count, width, height, "RasterImage(gray:)")
        self.init(width: width, height: height, channels: 1, pixels: pixels)
    }

    /// A grey image from floats. Values in `range` map to black…white (clamped outside it);
    /// nil `range` stretches the image's own min…max, which suits standardised inputs.
    /// - Throws: `ChartError` when `pixels.count != width × height`.
    public init(gray pixels: [Float], width: Int, height: Int, range: ClosedRange<Float>? = 0...1) throws {
        try RasterImage.checkSize(pixels.count, width, height, "RasterImage(gray:)")
        let finite = pixels.filter(\.isFinite)
        let r = range ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
        let span = r.upperBound - r.lowerBound
        let bytes = pixels.map { v -> UInt8 in
            guard v.isFinite else { return 0 }
            let t = span > 0 ? (v - r.lowerBound) / span : 0.5
            return UInt8((min(1, max(0, t)) * 255).rounded())
        }
        self.init(width: width, height: height, channels: 1, pixels: bytes)
    }

    /// A grey image from `channels`-interleaved floats, the channels averaged per pixel and the
    /// contrast stretched to the image's own range, as analysis figures show a model's inputs.
    /// - Throws: `ChartError` when `pixels.count` is not `width × height × channels`.
    public init(averaging pixels: [Float], channels: Int, width: Int, height: Int) throws {
        let c = max(1, channels)
        try RasterImage.checkSize(pixels.count / c, width, height, "RasterImage(averaging:)")
        let gray = (0..<(width * height)).map { p in (0..<c).reduce(Float(0)) { $0 + pixels[p * c + $1] } / Float(c) }
        try self.init(gray: gray, width: width, height: height, range: nil)
    }

    /// A colour image of `values` through `colorMap` (e.g. one hidden unit over the input
    /// plane); `range` nil uses the values' min…max.
    /// - Throws: `ChartError` when `values.count != width × height`.
    public static func colorMapped(_ values: [Double], width: Int, height: Int, colorMap: ColorMap = .viridis,
                                   range: ClosedRange<Double>? = nil) throws -> RasterImage {
        try checkSize(values.count, width, height, "RasterImage.colorMapped")
        let finite = values.filter(\.isFinite)
        let r = range ?? ((finite.min() ?? 0)...(finite.max() ?? 1))
        let span = r.upperBound - r.lowerBound
        var bytes = [UInt8]()
        bytes.reserveCapacity(values.count * 3)
        for v in values {
            let (red, green, blue) = colorMap.color(at: span > 0 ? (v - r.lowerBound) / span : 0.5).bytes
            bytes += [red, green, blue]
        }
        return RasterImage(width: width, height: height, channels: 3, pixels: bytes)
    }

    static func checkSize(_ count: Int, _ width: Int, _ height: Int, _ source: String) throws {
        guard width > 0, height > 0 else {
            throw ChartError(source, "image size \(width)×\(height) is empty; width and height must be ≥ 1")
        }
        guard count == width * height else {
            throw ChartError(source, "expected \(width)×\(height) = \(width * height) pixels but got \(count); "
                             + "check the image shape")
        }
    }

    /// The image as a PNG file.
    public func png() throws -> [UInt8] {
        try PNGEncoder.encode(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// `data:image/png;base64,…`, for `<img src>` or SVG `<image href>`.
    public func dataURI() throws -> String {
        "data:image/png;base64," + Data(try png()).base64EncodedString()
    }

    /// An SVG `<image>` scaled to the given box with crisp (nearest-neighbour) pixels.
    /// Encoding cannot fail for a well-formed image; an empty string is returned if it does.
    func svgImage(x: Double, y: Double, width w: Double, height h: Double) -> String {
        guard let uri = try? dataURI() else { return "" }
        return "<image x=\"\(coord(x))\" y=\"\(coord(y))\" width=\"\(coord(w))\" height=\"\(coord(h))\" "
            + "preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"\(uri)\"/>"
    }
}
