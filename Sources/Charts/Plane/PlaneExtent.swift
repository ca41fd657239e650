/// The part of the input plane a picture covers, sampled on a square grid: `resolution` points
/// per side, rows from the top (largest y) down, as the model was evaluated over it.
public struct PlaneExtent: Sendable, Equatable {
    /// Horizontal extent, left to right.
    public var x: ClosedRange<Double>
    /// Vertical extent, bottom to top.
    public var y: ClosedRange<Double>
    /// Grid points per side.
    public var resolution: Int

    /// A grid of `resolution` × `resolution` points over `x` × `y`.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int) {
        self.x = x
        self.y = y
        self.resolution = resolution
    }

    /// "x −1.2…1.4, y −0.9…1.1", for subtitles.
    var description: String {
        func span(_ r: ClosedRange<Double>) -> String {
            fixed(r.lowerBound, decimals: 1) + "…" + fixed(r.upperBound, decimals: 1)
        }
        return "x \(span(x)), y \(span(y))"
    }
}
