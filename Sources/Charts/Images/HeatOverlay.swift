/// A grey image with a red sensitivity map blended over it: where the map is high the pixel
/// turns red, where it is zero the image shows through unchanged.
public enum HeatOverlay {
    /// Blends `heat` (same size as `image`, any non-negative scale; normalised to its maximum)
    /// over the grey `image` as RGB. `opacity` is the alpha at the map's maximum.
    /// - Throws: `ChartError` when the image is not grey or the sizes differ.
    public static func blend(image: RasterImage, heat: [Float], opacity: Double = 0.75) throws -> RasterImage {
        guard image.channels == 1 else {
            throw ChartError("HeatOverlay",
                             "the base image has \(image.channels) channels; give a grey image (1 channel)")
        }
        guard heat.count == image.width * image.height else {
            throw ChartError("HeatOverlay", "the map has \(heat.count) values but the image has "
                             + "\(image.width)×\(image.height) pixels; they must match")
        }
        // Magnitude matters, not sign: saliency gradients are signed.
        let peak = heat.lazy.filter(\.isFinite).map { abs($0) }.max() ?? 0
        var rgb = [UInt8]()
        rgb.reserveCapacity(heat.count * 3)
        let red = (r: 220.0, g: 20.0, b: 20.0)
        for (i, h) in heat.enumerated() {
            let base = Double(image.pixels[i]) * 0.85 // dim the image slightly so red reads on white strokes
            let alpha = peak > 0 && h.isFinite ? opacity * Double(abs(h) / peak) : 0
            func mix(_ c: Double) -> UInt8 { UInt8(min(255, max(0, (base * (1 - alpha) + c * alpha).rounded()))) }
            rgb += [mix(red.r), mix(red.g), mix(red.b)]
        }
        return RasterImage(width: image.width, height: image.height, channels: 3, pixels: rgb)
    }
}
