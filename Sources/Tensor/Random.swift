import Randomness

/// A small, fast, seedable generator (xoshiro256**). The same seed gives the same numbers bit
/// for bit on every run; `init(seed: nil)` draws a fresh seed from the system.
public struct SeededGenerator: RandomNumberGenerator {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// - Parameter seed: a fixed seed for repeatable runs, or nil for fresh randomness.
    public init(seed: UInt64?) {
        // SplitMix64 expands one word into four well-mixed state words (never all zero).
        var expander = SplitMix64(seed: seed)
        s0 = expander.next(); s1 = expander.next(); s2 = expander.next(); s3 = expander.next()
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    @inlinable
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform Float in [low, high).
    @inlinable
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * nextUnitFloat()
    }

    /// A standard normal sample (Box–Muller; deterministic given the state).
    public mutating func normal() -> Float {
        let u1 = max(Double(next() >> 11) * 0x1p-53, 1e-300), u2 = Double(next() >> 11) * 0x1p-53
        return Float((-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2))
    }

    /// Shuffles `array` in place (Fisher–Yates), repeatable for a given state. Inlinable so that it is
    /// specialised where it is called: unspecialised, each swap of the generic elements went through two
    /// heap-allocated temporaries (120,000 allocations for a 60,000-row epoch).
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            array.swapAt(i, j)
        }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
@usableFromInline func _log(_ x: Double) -> Double { log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { cos(x) }

extension Tensor {
    /// A tensor of uniform samples in [low, high).
    public static func uniform(shape: [Int], low: Float, high: Float, using rng: inout SeededGenerator) -> Tensor {
        var t = Tensor(zeros: shape)
        let p = t.mutablePointer
        for i in 0..<t.count { p[i] = rng.uniform(low, high) }
        return t
    }

    /// A tensor of normal samples with the given mean and standard deviation.
    public static func normal(shape: [Int], mean: Float = 0, std: Float = 1,
                              using rng: inout SeededGenerator) -> Tensor {
        var t = Tensor(zeros: shape)
        let p = t.mutablePointer
        for i in 0..<t.count { p[i] = mean + std * rng.normal() }
        return t
    }
}
