import Foundation
import Randomness

/// The draws the data generators and augmentations make from Folio's one generator.
extension SplitMix64 {
    /// A uniform `Float` in `[0, 1)`.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / Float(1 << 24))
    }

    /// A standard normal sample (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = Double(next() >> 11) * (1.0 / Double(1 << 53)) + 1e-300
        let u2 = Double(next() >> 11) * (1.0 / Double(1 << 53))
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

/// A generator shared by copies of a dataset, so augmentation keeps advancing across batches
/// even though `fillBatch` is non-mutating. Guarded by a lock.
final class SharedRandom: @unchecked Sendable {
    private var generator: SplitMix64
    private let lock = NSLock()

    init(seed: UInt64?) { generator = SplitMix64(seed: seed) }

    /// The generator's state, for the cache.
    var state: UInt64 {
        lock.lock(); defer { lock.unlock() }
        return generator.state
    }

    /// Draws a fresh 64-bit seed for one batch.
    func nextSeed() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        return generator.next()
    }
}

/// An augmentation's generator as the cache sees it: an identity (so views that shared it share it
/// again after a restore) and a state.
public struct AugmentationGenerator {
    let shared: SharedRandom

    init(_ shared: SharedRandom) { self.shared = shared }

    /// A generator continuing from `state`.
    public init(state: UInt64) { shared = SharedRandom(seed: state) }

    public var identity: ObjectIdentifier { ObjectIdentifier(shared) }
    public var state: UInt64 { shared.state }
}
