import CKernels
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// Kernel note: every load happens unconditionally before a select (`let d = dy[i]; … ? d : 0`);
// a load inside one arm of `?:` keeps LLVM from vectorising the loop.

/// Pointwise activation functions. Forward writes y from x; backward *accumulates* into dx
/// (dx += dy * f'(x)), reading whichever of x or y makes the derivative cheapest.
public enum Activation: String, Codable, CaseIterable, Sendable {
    case linear, relu, leakyRelu, elu, gelu, tanh, sigmoid
    /// Heaviside: 1 where x ≥ 0, else 0. Its derivative is zero wherever it exists, so it passes no
    /// gradient back: for hand-designed perceptron networks run forward, not for training.
    case step

    /// y = f(x) over n elements. `alpha` is the slope/scale for leakyRelu and elu.
    public func forward(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int, alpha: Float) {
        let cost = self == .elu || self == .gelu ? 16 : 2
        Parallel.forEach(n, costPerItem: cost) { r in
            switch self {
            case .linear: for i in r { y[i] = x[i] }
            case .relu: for i in r { y[i] = x[i] > 0 ? x[i] : 0 }
            case .leakyRelu: for i in r { y[i] = x[i] > 0 ? x[i] : alpha * x[i] }
            case .elu: for i in r { y[i] = x[i] > 0 ? x[i] : alpha * (expf(x[i]) - 1) }
            case .gelu: for i in r { y[i] = 0.5 * x[i] * (1 + erff(x[i] * 0.70710678)) }
            case .tanh: folio_tanh(r.count, x + r.lowerBound, y + r.lowerBound)  // AVX-512 where the CPU has it
            case .sigmoid: folio_sigmoid(r.count, x + r.lowerBound, y + r.lowerBound)
            case .step: for i in r { y[i] = x[i] >= 0 ? 1 : 0 }
            }
        }
    }

    /// dx += dy * f'(x), given the forward input x and output y (n elements).
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         accumulateInto dx: UnsafeMutablePointer<Float>, count n: Int, alpha: Float) {
        let cost = self == .gelu ? 16 : 1
        Parallel.forEach(n, costPerItem: cost) { r in
            switch self {
            case .linear: for i in r { dx[i] += dy[i] }
            case .relu: for i in r { let d = dy[i]; dx[i] += y[i] > 0 ? d : 0 }
            case .leakyRelu: for i in r { let d = dy[i]; dx[i] += x[i] > 0 ? d : alpha * d }
            case .elu: for i in r { let d = dy[i], e = d * (y[i] + alpha); dx[i] += x[i] > 0 ? d : e }
            case .gelu:
                for i in r {
                    let v = x[i]
                    let cdf = 0.5 * (1 + erff(v * 0.70710678))
                    let pdf = expf(-0.5 * v * v) * 0.39894228
                    dx[i] += dy[i] * (cdf + v * pdf)
                }
            case .tanh: for i in r { dx[i] += dy[i] * (1 - y[i] * y[i]) }
            case .sigmoid: for i in r { dx[i] += dy[i] * y[i] * (1 - y[i]) }
            case .step: break  // zero derivative: nothing to add
            }
        }
    }

    /// g *= f'(x) in place, given the forward input x and output y (n elements). Used by fused
    /// layers to turn d(loss)/dy into d(loss)/dx without another buffer.
    public func scaleByDerivative(x: UnsafePointer<Float>, y: UnsafePointer<Float>, grad g: UnsafeMutablePointer<Float>,
                                  count n: Int, alpha: Float) {
        let cost = self == .gelu ? 16 : 1
        Parallel.forEach(n, costPerItem: cost) { r in
            switch self {
            case .linear: break
            case .relu: for i in r { let v = g[i]; g[i] = y[i] > 0 ? v : 0 }
            case .leakyRelu: for i in r { let v = g[i]; g[i] = x[i] > 0 ? v : alpha * v }
            case .elu: for i in r { let v = g[i], e = v * (y[i] + alpha); g[i] = x[i] > 0 ? v : e }
            case .gelu:
                for i in r {
                    let v = x[i]
                    g[i] *= 0.5 * (1 + erff(v * 0.70710678)) + v * expf(-0.5 * v * v) * 0.39894228
                }
            case .tanh: for i in r { g[i] *= 1 - y[i] * y[i] }
            case .sigmoid: for i in r { g[i] *= y[i] * (1 - y[i]) }
            case .step: for i in r { g[i] = 0 }
            }
        }
    }

    /// The numerically safe logistic function.
    @inlinable
    public static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}
