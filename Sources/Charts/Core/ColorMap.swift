/// A continuous colour scale: a few anchor colours interpolated linearly in sRGB.
public struct ColorMap: Sendable {
    /// Anchor colours at evenly spaced positions 0, 1/(n-1), …, 1.
    public let anchors: [RGB]

    /// A colour map through `anchors` (at least one; an empty list gives black).
    public init(anchors: [RGB]) {
        self.anchors = anchors.isEmpty ? [RGB(r: 0, g: 0, b: 0)] : anchors
    }

    /// Viridis (perceptually uniform, monotone in lightness, legible in grey scale), sampled at
    /// nine evenly spaced points of the published table.
    public static let viridis = ColorMap(anchors: [
        "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725",
    ].map(RGB.init(hex:)))

    /// White to a strong red, for sensitivity maps drawn alone.
    public static let reds = ColorMap(anchors: ["#ffffff", "#fcbba1", "#fb6a4a", "#cb181d", "#67000d"]
        .map(RGB.init(hex:)))

    /// The colour at `t` (clamped to 0...1; NaN maps to the low end).
    public func color(at t: Double) -> RGB {
        guard anchors.count > 1 else { return anchors[0] }
        let clamped = t.isNaN ? 0 : min(1, max(0, t))
        let position = clamped * Double(anchors.count - 1)
        let lower = min(Int(position), anchors.count - 2)
        return RGB.mix(anchors[lower], anchors[lower + 1], position - Double(lower))
    }
}
