#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A learning rate as a function of the epoch (0-based) and the initial rate.
public enum LearningRateSchedule: Equatable {
    /// initial · factor^⌊epoch / every⌋, e.g. ×0.94 every 2 epochs.
    case stepDecay(factor: Float, every: Int)
    /// initial · rate^epoch.
    case exponential(rate: Float)
    /// Cosine from initial down to `minimum` over `epochs` epochs, then held.
    case cosine(epochs: Int, minimum: Float)

    /// The learning rate for `epoch`.
    public func rate(epoch: Int, initial: Float) -> Float {
        switch self {
        case let .stepDecay(factor, every): return initial * powf(factor, Float(epoch / max(every, 1)))
        case let .exponential(rate): return initial * powf(rate, Float(epoch))
        case let .cosine(epochs, minimum):
            let progress = min(Float(epoch) / Float(max(epochs, 1)), 1)
            return minimum + (initial - minimum) * 0.5 * (1 + cosf(Float.pi * progress))
        }
    }
}
