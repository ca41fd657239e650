/// The one seedable generator of Folio (SplitMix64): the same seed gives the same numbers on every
/// machine; without a seed it starts from the system's randomness, so runs differ. The engine's
/// faster generator (`SeededGenerator` in Tensor) and every derived seed start from it too.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The whole state: `SplitMix64(seed: g.state)` continues exactly where `g` is (the cache
    /// stores generators this way).
    public private(set) var state: UInt64

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

    /// A generator for one purpose (the cell language's draws, say) derived from a notebook's seed
    /// without consuming numbers from the streams that seed already feeds.
    public static func derived(from seed: UInt64?, purpose: UInt64) -> SplitMix64 {
        guard let seed else { return SplitMix64() }
        var mixer = SplitMix64(seed: seed ^ purpose)
        return SplitMix64(seed: mixer.next())
    }
}
