import CKernels

// Parameter-update kernels: Adam and RMSProp are C loops (optimizer_steps.c says why); large
// parameters are split across cores. `saving`, when given, receives the weights from before the
// update (n floats, disjoint from the others): `fit` keeps them as the last weights with a finite loss.

extension Kernels {
    /// One Adam(W) update over n elements (Keras form):
    /// w -= decay·w;  m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= alpha·m / (√v + ε)
    /// where alpha already includes the bias corrections.
    public static func adamStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
                                v: UnsafeMutablePointer<Float>, saving saved: UnsafeMutablePointer<Float>? = nil,
                                count n: Int, beta1: Float, beta2: Float, alpha: Float, epsilon: Float, decay: Float) {
        Parallel.forEach(n, costPerItem: 8) { r in
            folio_adam_step(r.count, w + r.lowerBound, g + r.lowerBound, m + r.lowerBound, v + r.lowerBound,
                            saved.map { $0 + r.lowerBound }, beta1, beta2, alpha, epsilon, decay)
        }
    }

    /// RMSProp update: v = ρ·v + (1-ρ)·g²;  w -= lr·g / (√v + ε)
    public static func rmsPropStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                                   v: UnsafeMutablePointer<Float>, saving saved: UnsafeMutablePointer<Float>? = nil,
                                   count n: Int, rho: Float, learningRate lr: Float, epsilon: Float) {
        Parallel.forEach(n, costPerItem: 8) { r in
            folio_rmsprop_step(r.count, w + r.lowerBound, g + r.lowerBound, v + r.lowerBound,
                               saved.map { $0 + r.lowerBound }, rho, lr, epsilon)
        }
    }

    /// SGD with momentum μ: v = μ·v - lr·g;  w += v (or w += μ·v - lr·g with Nesterov).
    /// With μ = 0 and no velocity buffer: w -= lr·g.
    public static func sgdStep(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                               velocity: UnsafeMutablePointer<Float>?, saving saved: UnsafeMutablePointer<Float>? = nil,
                               count n: Int, learningRate lr: Float, momentum mu: Float, nesterov: Bool) {
        Parallel.forEach(n, costPerItem: 4) { r in
            // The chunk is copied just before its update, while it is in cache.
            saved.map { ($0 + r.lowerBound).update(from: w + r.lowerBound, count: r.count) }
            guard let v = velocity else { for i in r { w[i] -= lr * g[i] }; return }
            for i in r {
                let gi = g[i], vi = mu * v[i] - lr * gi
                v[i] = vi
                w[i] += nesterov ? mu * vi - lr * gi : vi
            }
        }
    }
}
