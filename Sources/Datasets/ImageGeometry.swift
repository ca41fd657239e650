/// How images change size and channels as batches are filled, for models made for other inputs
/// (a network pretrained on 32×32 colour images fed 28×28 grey digits): ``ImageDataset/resized(to:)``
/// and ``ImageDataset/rgb()``. The stored pixels never change; each batch is converted as it is made.
public struct ImageGeometry: Equatable, Sendable {
    /// Output height and width in pixels.
    public var height: Int
    public var width: Int
    /// Output channels: the stored ones, or 3 after ``ImageDataset/rgb()`` on grey images.
    public var channels: Int

    /// The largest side `resized(to:)` accepts: far beyond any model Folio trains on a CPU, yet a
    /// batch of 64 such images still fits in memory.
    public static let largestSide = 1024

    /// Writes one image `from` (`[h, w, c]` as `shape`) to `to` as `[height, width, channels]`:
    /// bilinear resampling as PyTorch's `interpolate(mode="bilinear", align_corners=False,
    /// antialias=False)` (torchvision's `Resize(antialias=False)` on tensors), then a grey channel
    /// repeated when three are asked for.
    func apply(from source: UnsafePointer<Float>, shape: [Int], to destination: UnsafeMutablePointer<Float>) {
        let (inHeight, inWidth, inChannels) = (shape[0], shape[1], shape[2])
        let rows = Self.taps(from: inHeight, to: height), columns = Self.taps(from: inWidth, to: width)
        for y in 0..<height {
            let (y0, y1, wy) = rows[y]
            for x in 0..<width {
                let (x0, x1, wx) = columns[x]
                let out = destination + (y * width + x) * channels
                for c in 0..<inChannels {
                    let at = { (yy: Int, xx: Int) in source[(yy * inWidth + xx) * inChannels + c] }
                    let top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx
                    let bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx
                    out[c] = top * (1 - wy) + bottom * wy
                }
                // Grey to colour: the one channel, repeated.
                for c in inChannels..<channels { out[c] = out[0] }
            }
        }
    }

    /// For each output index, the two input indices it lies between and the weight of the second,
    /// with PyTorch's half-pixel centres: `src = (dst + 0.5) · in/out − 0.5`, clamped at 0.
    static func taps(from input: Int, to output: Int) -> [(Int, Int, Float)] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { index in
            let source = Swift.max(0, (Float(index) + 0.5) * scale - 0.5)
            let low = Swift.min(Int(source), input - 1)
            let high = Swift.min(low + 1, input - 1)
            return (low, high, source - Float(low))
        }
    }
}

extension ImageDataset {
    /// Images resized to `size` (`[height, width]`) by bilinear resampling as each batch is made;
    /// see ``ImageGeometry/apply(from:shape:to:)`` for the exact method.
    public func resized(to size: [Int]) throws -> ImageDataset {
        guard size.count == 2, size.allSatisfy({ (1...ImageGeometry.largestSide).contains($0) }) else {
            throw DatasetError.argument(expected: "a size [height, width], each 1 to \(ImageGeometry.largestSide)",
                                        found: "\(size)")
        }
        var copy = self
        copy.geometry = ImageGeometry(height: size[0], width: size[1], channels: sampleShape[2])
        return copy
    }

    /// Grey images as three identical channels (for models built for colour); images that
    /// already have several channels are unchanged.
    public func rgb() -> ImageDataset {
        guard sampleShape[2] == 1 else { return self }
        var copy = self
        copy.geometry = ImageGeometry(height: sampleShape[0], width: sampleShape[1], channels: 3)
        return copy
    }
}

extension ImageGeometry {
    /// A geometry as recorded earlier (the cache's restore).
    public init(restoring height: Int, width: Int, channels: Int) {
        self.init(height: height, width: width, channels: channels)
    }
}
