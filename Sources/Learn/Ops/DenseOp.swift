import Tensor

extension Ops {
    /// y = f(x · kernel + bias) — x: [..., K], kernel: [K, U], bias: [U] -> y: [..., U].
    /// The product adds the bias (and relu) as it stores its result (the GEMM's epilogue); other
    /// activations take one pass after. The backward turns dy into dz in place before the two
    /// products, so no extra buffers or sweeps are needed.
    public static func dense(_ x: Variable, kernel: Variable, bias: Variable?, activation: Activation = .linear,
                             alpha: Float = 0.2,
                             workspace: Workspace = Workspace(), into out: Variable? = nil,
                             tape: Tape?) throws -> Variable {
        let k = kernel.shape[0], u = kernel.shape[1]
        guard let last = x.shape.last, last == k, kernel.value.rank == 2 else {
            throw LearnError.shape("Dense: input's last dimension must be \(k), found shape \(x.shape)")
        }
        let rows = x.value.count / max(k, 1)
        let y = prepare(out, like: x, last: u,
                        requiresGrad: x.requiresGrad || kernel.requiresGrad || bias?.requiresGrad == true)
        let z = productTarget(activation, y, workspace, count: rows * u)
        let reluInProduct = bias != nil && activation == .relu
        if let bias {
            Gemm.multiply(x.value.pointer, kernel.value.pointer, into: z, m: rows, n: u, k: k,
                          addingRowVector: bias.value.pointer, relu: reluInProduct)
        } else {
            Gemm.multiply(x.value.pointer, kernel.value.pointer, into: z, m: rows, n: u, k: k)
        }
        if !reluInProduct {
            biasAndActivation(z, bias: nil, activation, alpha: alpha, rows: rows, cols: u, into: y.value.mutablePointer)
        }
        guard let tape else { return y }
        tape.record(x, kernel, bias, output: y) { tape in
            guard let dz = gradBeforeActivation(y, activation, alpha: alpha, workspace: workspace, tape: tape) else {
                return
            }
            // dKernel[K, U] += xᵀ[K, rows] · dz[rows, U], and dBias += dz's column sums as the product reads dz
            let biasGrad = bias.flatMap { $0.requiresGrad ? $0.accumulableGrad(tape) : nil }
            if kernel.requiresGrad {
                let (dw, first) = kernel.writableGrad(tape)
                Gemm.multiply(x.value.pointer, transposeA: true, dz, into: dw, m: k, n: u, k: rows,
                              beta: first ? 0 : 1, addingColumnSumsOfBTo: biasGrad)
            } else if let biasGrad {
                Kernels.accumulateColumnSums(dz, rows: rows, cols: u, into: biasGrad)
            }
            // dx[rows, K] += dz[rows, U] · kernelᵀ[U, K]
            if x.requiresGrad {
                let (dx, first) = x.writableGrad(tape)
                Gemm.multiply(dz, kernel.value.pointer, transposeB: true, into: dx, m: rows, n: k, k: u,
                              beta: first ? 0 : 1)
            }
        }
        return y
    }

    /// Where the product goes: straight into y when the activation can be applied in place
    /// (linear, or relu, whose derivative needs only y), else into a kept pre-activation buffer.
    static func productTarget(_ f: Activation, _ y: Variable, _ ws: Workspace,
                              count: Int) -> UnsafeMutablePointer<Float> {
        f == .linear || f == .relu ? y.value.mutablePointer : preactivation(ws, count: count)
    }

    /// Scratch for the pre-activation z (kept for the activation's derivative).
    static func preactivation(_ ws: Workspace, count: Int) -> UnsafeMutablePointer<Float> {
        ensure(&ws.b, shape: [count])
        return ws.b.mutablePointer
    }

    /// y = f(z + bias) row by row — z, y: [rows, cols]; z keeps z + bias. When f is linear, z is y.
    static func biasAndActivation(_ z: UnsafeMutablePointer<Float>, bias: Variable?, _ f: Activation, alpha: Float,
                                  rows: Int, cols: Int, into y: UnsafeMutablePointer<Float>) {
        if f == .relu, let bias {  // z is y here: one in-place pass y = max(y + b, 0)
            Kernels.addRowVectorRelu(bias.value.pointer, to: z, rows: rows, cols: cols)
            return
        }
        if let bias { Kernels.addRowVector(bias.value.pointer, to: z, rows: rows, cols: cols) }
        if f != .linear { f.forward(z, into: y, count: rows * cols, alpha: alpha) }
    }

    /// dz = dy ⊙ f'(z), computed in place in y's gradient (which nothing else reads afterwards).
    /// Returns nil when no gradient reached y.
    static func gradBeforeActivation(_ y: Variable, _ f: Activation, alpha: Float, workspace: Workspace,
                                     tape: Tape) -> UnsafePointer<Float>? {
        guard y.incomingGrad(tape) != nil else { return nil }
        let g = y.grad.mutablePointer
        if f != .linear {
            f.scaleByDerivative(x: workspace.b.pointer, y: y.value.pointer, grad: g, count: y.value.count, alpha: alpha)
        }
        return UnsafePointer(g)
    }
}
