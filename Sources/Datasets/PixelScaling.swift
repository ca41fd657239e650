/// How raw pixel values become the `Float` inputs a model sees; applied per batch.
public enum PixelScaling: Equatable, Sendable {
    /// The stored values unchanged (0...255 for bytes).
    case raw
    /// Divided by the full-intensity value: 0...1.
    case unit
    /// Mapped to -1...1 (the "ones and negative ones" trick; with binarising, exactly ±1).
    case symmetric
    /// `(v / full - mean) / std`: mean and std are those of the 0...1-scaled pixels,
    /// as in `Normalize((0.2860,), (0.3530,))` after `ToTensor()` for Fashion-MNIST.
    case standardized(mean: Float, std: Float)

    /// `(a, b)` such that the model input is `a * raw + b`.
    func affine(fullIntensity pixelMax: Float) -> (scale: Float, shift: Float) {
        switch self {
        case .raw: return (1, 0)
        case .unit: return (1 / pixelMax, 0)
        case .symmetric: return (2 / pixelMax, -1)
        case .standardized(let mean, let std):
            let safeStd = std > 0 ? std : 1
            return (1 / (pixelMax * safeStd), -mean / safeStd)
        }
    }
}
