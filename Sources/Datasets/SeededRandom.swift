import Foundation

/// A small, fast generator (SplitMix64) that gives the same numbers for the same seed on every
/// machine; without a seed it starts from the system's randomness, so runs differ.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// `seed: nil` means fresh randomness.
    public init(seed: UInt64? = nil) {
        if let seed { state = seed } else {
            var system = SystemRandomNumberGenerator()
            state = system.next()
        }
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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
    private var generator: SeededRandom
    private let lock = NSLock()

    init(seed: UInt64?) { generator = SeededRandom(seed: seed) }

    /// Draws a fresh 64-bit seed for one batch.
    func nextSeed() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        return generator.next()
    }
}
