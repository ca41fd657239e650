import RunLimits
import Randomness

/// The counting languages used to study recurrent hidden-unit dynamics.
public enum CountingLanguage: String, CaseIterable, Sendable {
    /// `aⁿbⁿ`
    case anbn
    /// `aⁿb²ⁿ`
    case anb2n
    /// `aⁿb²ⁿc³ⁿ`
    case anb2nc3n

    /// The alphabet, in one-hot order: `a` = 0, `b` = 1, `c` = 2.
    public var symbols: [Character] { self == .anb2nc3n ? ["a", "b", "c"] : ["a", "b"] }
    /// How many of each symbol a string with `n` a's has, per unit of `n`.
    var multiples: [Int] {
        switch self {
        case .anbn: return [1, 1]
        case .anb2n: return [1, 2]
        case .anb2nc3n: return [1, 2, 3]
        }
    }
}

/// Next-symbol prediction on a counting language.
///
/// **Encoding.** Each sample is a stream of strings of the language written back to back
/// (`aabb` `aaabbb` `ab` …, each `n` uniform in `minN...maxN`), starting at a string boundary
/// and cut to `steps + 1` symbols. There is no separate start or end symbol: the `a` that
/// opens the next string marks the end of the previous one. At step `t` the input is the
/// one-hot vector of symbol `t` (`sampleShape = [steps, symbols]`) and the label is the index
/// of symbol `t + 1` (`labelsPerSample = steps`). Every sample has the same length; no padding.
///
/// **Deterministic positions.** While reading a's the next symbol is a guess (another `a` or
/// the first `b`) unless fewer than `minN` a's have been seen (it must be `a`) or `maxN` have
/// (it must be `b`). Once the first `b` is read, a learner that counts knows every following
/// symbol up to and including the `a` that starts the next string. ``deterministicMask(at:)``
/// and ``fillMask(indices:mask:)`` flag those steps; accuracy on them measures whether a
/// network learned to count.
public struct SequenceDataset: Sendable {
    /// The language the strings come from.
    public let language: CountingLanguage
    /// Steps per sample (inputs; there is one more symbol than steps).
    public let steps: Int
    /// Smallest and largest `n`.
    public let minN: Int, maxN: Int
    /// Symbol indices, `[count, steps + 1]` row-major.
    public let symbols: [Int32]
    /// Whether each step's label is determined by the prefix, `[count, steps]` row-major.
    public let deterministic: [Bool]
    /// Number of samples.
    public let count: Int

    /// Size of the alphabet (one-hot width and number of classes).
    public var symbolCount: Int { language.symbols.count }
    /// Classes of the per-step labels: the alphabet size.
    public var classCount: Int { symbolCount }
    /// `[steps, symbols]`.
    public var sampleShape: [Int] { [steps, symbolCount] }
    /// One label (the next symbol) per step.
    public var labelsPerSample: Int { steps }

    /// Generates `count` samples of `steps` steps; the same seed gives identical samples.
    public init(language: CountingLanguage, count: Int, steps: Int = 40, minN: Int = 1, maxN: Int = 5,
                seed: UInt64? = nil) throws {
        guard count > 0, steps > 0 else {
            throw DatasetError.argument(expected: "a positive count and number of steps",
                                        found: "count \(count), steps \(steps)")
        }
        guard minN >= 1, maxN >= minN else {
            throw DatasetError.argument(expected: "1 ≤ minN ≤ maxN", found: "minN \(minN), maxN \(maxN)")
        }
        let (length, overflow) = steps.addingReportingOverflow(1)
        let cells = overflow ? Int.max : ByteCount.product(count, length)
        // A symbol (4 bytes) and a flag (1 byte) per step.
        try RunBudget.shared.reserve(ByteCount.product(cells, 5),
                                     for: "\(count) sequences of \(steps) steps")
        var random = SplitMix64(seed: seed)
        var symbols: [Int32] = [], deterministic: [Bool] = []
        symbols.reserveCapacity(cells)
        deterministic.reserveCapacity(cells)
        for _ in 0..<count {
            var stream: [Int32] = [], known: [Bool] = []
            while stream.count < length {
                let n = minN + Int(random.next() % UInt64(maxN - minN + 1))
                // A string longer than the sample is cut anyway: make only the symbols kept, so a
                // huge maxN costs nothing (and n × multiple cannot overflow).
                strings: for (symbol, multiple) in language.multiples.enumerated() {
                    for k in 1...Swift.min(n, length) * multiple {
                        if stream.count >= length { break strings }
                        stream.append(Int32(symbol))
                        // Is the symbol *after* this one forced? For a's only when k < minN or k ≥ maxN.
                        known.append(symbol > 0 || k < minN || k >= maxN)
                    }
                }
            }
            symbols += stream
            deterministic += known[0..<steps]
        }
        self.init(restoring: language, steps: steps, minN: minN, maxN: maxN, symbols: symbols,
                  deterministic: deterministic, count: count)
    }

    /// Sample `index` as text, e.g. `"aabbab…"`.
    public func string(at index: Int) -> String {
        String(symbols[(index * (steps + 1))..<((index + 1) * (steps + 1))].map { language.symbols[Int($0)] })
    }

    /// Which of sample `index`'s steps have a determined label.
    public func deterministicMask(at index: Int) -> [Bool] {
        Array(deterministic[(index * steps)..<((index + 1) * steps)])
    }

    /// Inputs `[batch, steps, symbols]` (one-hot) and labels `[batch, steps]` (next symbol).
    public func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>,
                          labels: UnsafeMutablePointer<Int32>) {
        let width = symbolCount
        inputs.initialize(repeating: 0, count: indices.count * steps * width)
        for (k, index) in indices.enumerated() {
            let base = index * (steps + 1)
            for t in 0..<steps {
                inputs[(k * steps + t) * width + Int(symbols[base + t])] = 1
                labels[k * steps + t] = symbols[base + t + 1]
            }
        }
    }

    /// `[batch, steps]`: 1 where the step's label is deterministic, else 0.
    public func fillMask(indices: ArraySlice<Int>, mask: UnsafeMutablePointer<Float>) {
        for (k, index) in indices.enumerated() {
            for t in 0..<steps { mask[k * steps + t] = deterministic[index * steps + t] ? 1 : 0 }
        }
    }
}

extension SequenceDataset {
    /// Sequences exactly as generated (by the generator above, or earlier: the cache's restore).
    public init(restoring language: CountingLanguage, steps: Int, minN: Int, maxN: Int, symbols: [Int32],
                deterministic: [Bool], count: Int) {
        self.language = language
        self.steps = steps
        self.minN = minN
        self.maxN = maxN
        self.symbols = symbols
        self.deterministic = deterministic
        self.count = count
    }
}
