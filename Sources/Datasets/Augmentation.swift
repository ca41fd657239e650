import Foundation
import Randomness

/// Random shifts and small rotations applied to each image as a batch is filled, so every
/// epoch sees slightly different images. Labels and shapes never change.
///
/// With a seed, the sequence of batches is reproducible (same seed, same calls → same pixels);
/// without one it differs per run.
public struct Augmentation: Sendable {
    /// Largest shift in pixels along each axis (uniform in `-maxShift...maxShift`).
    public let maxShift: Int
    /// Largest rotation in degrees (uniform in `-maxRotation...maxRotation`).
    public let maxRotation: Double
    let random: SharedRandom

    /// `maxShift` pixels and `maxRotation` degrees at most; negative values count as 0.
    public init(maxShift: Int = 2, maxRotation: Double = 10, seed: UInt64? = nil) {
        self.maxShift = Swift.max(0, maxShift)
        self.maxRotation = Swift.max(0, maxRotation)
        self.random = SharedRandom(seed: seed)
    }

    /// The same settings drawing from `generator`, shared with every augmentation made the same way
    /// (the cache's restore: views that shared one generator share it again).
    public init(maxShift: Int, maxRotation: Double, generator: AugmentationGenerator) {
        self.maxShift = maxShift
        self.maxRotation = maxRotation
        self.random = generator.shared
    }

    /// The generator this augmentation draws from, shared by the views made from one dataset.
    public var generator: AugmentationGenerator { AugmentationGenerator(random) }

    /// Moves one image `[height, width, channels]` in place: rotation about the centre, then shift.
    /// Pixels that come from outside the image are 0 (background). Nearest-neighbour sampling.
    func apply(to image: UnsafeMutablePointer<Float>, shape: [Int], scratch: UnsafeMutablePointer<Float>,
               generator: inout SplitMix64) {
        guard shape.count == 3 else { return }
        let (height, width, channels) = (shape[0], shape[1], shape[2])
        let span = 2 * maxShift + 1
        let dx = maxShift == 0 ? 0 : Int(generator.next() % UInt64(span)) - maxShift
        let dy = maxShift == 0 ? 0 : Int(generator.next() % UInt64(span)) - maxShift
        let degrees = maxRotation == 0 ? 0 : (Double(generator.nextUnitFloat()) * 2 - 1) * maxRotation
        if dx == 0 && dy == 0 && degrees == 0 { return }
        let angle = degrees * Double.pi / 180
        let (cosA, sinA) = (cos(angle), sin(angle))
        let cy = Double(height - 1) / 2, cx = Double(width - 1) / 2
        let size = height * width * channels
        scratch.update(from: image, count: size)
        // Inverse mapping: for each output pixel, find where it came from in the input.
        for y in 0..<height {
            for x in 0..<width {
                let ry = Double(y - dy) - cy, rx = Double(x - dx) - cx
                let sy = Int((cosA * ry - sinA * rx + cy).rounded())
                let sx = Int((sinA * ry + cosA * rx + cx).rounded())
                let out = (y * width + x) * channels
                if sy >= 0 && sy < height && sx >= 0 && sx < width {
                    let src = (sy * width + sx) * channels
                    for c in 0..<channels { image[out + c] = scratch[src + c] }
                } else {
                    for c in 0..<channels { image[out + c] = 0 }
                }
            }
        }
    }
}
