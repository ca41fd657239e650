import CKernels

// Parameter-update kernels. Loops read every operand into a local first and keep the state in
// separate buffers, so they vectorise; large parameters are split across cores.

extension Kernels {
    /// One Adam(W) update over n elements (Keras form):
    /// w -= decay·w;  m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= alpha·m / (√v + ε)
    /// where alpha already includes the bias corrections.
    public static func adamStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
                                v: UnsafeMutablePointer<Float>, count n: Int,
                                beta1: Float, beta2: Float, alpha: Float, epsilon: Float, decay: Float) {
        // The loop is C (folio_adam_step): Swift's baseline SSE build took a scalar square root per lane.
        Parallel.forEach(n, costPerItem: 8) { r in
            folio_adam_step(r.count, w + r.lowerBound, g + r.lowerBound, m + r.lowerBound, v + r.lowerBound,
                            beta1, beta2, alpha, epsilon, decay)
        }
    }

    /// RMSProp update: v = ρ·v + (1-ρ)·g²;  w -= lr·g / (√v + ε)
    public static func rmsPropStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                                   v: UnsafeMutablePointer<Float>,
                                   count n: Int, rho: Float, learningRate lr: Float, epsilon: Float) {
        Parallel.forEach(n, costPerItem: 8) { r in
            var i = r.lowerBound
            while i + 8 <= r.upperBound {
                let gi = load8(g + i), vi = rho * load8(v + i) + (1 - rho) * gi * gi
                store8(vi, v + i)
                store8(load8(w + i) - lr * gi / (vi.squareRoot() + epsilon), w + i)
                i += 8
            }
            while i < r.upperBound {
                let gi = g[i], vi = rho * v[i] + (1 - rho) * gi * gi
                v[i] = vi
                w[i] -= lr * gi / (vi.squareRoot() + epsilon)
                i += 1
            }
        }
    }

    /// SGD with momentum μ: v = μ·v - lr·g;  w += v (or w += μ·v - lr·g with Nesterov).
    /// With μ = 0 and no velocity buffer: w -= lr·g.
    public static func sgdStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                               velocity: UnsafeMutablePointer<Float>?,
                               count n: Int, learningRate lr: Float, momentum mu: Float, nesterov: Bool) {
        Parallel.forEach(n, costPerItem: 4) { r in
            guard let v = velocity else { for i in r { w[i] -= lr * g[i] }; return }
            for i in r {
                let gi = g[i], vi = mu * v[i] - lr * gi
                v[i] = vi
                w[i] += nesterov ? mu * vi - lr * gi : vi
            }
        }
    }
}
