import Tensor

extension Ops {
    /// Several Dense projections of one input, side by side: y = x · [W₁ | W₂ | …] + [b₁ | b₂ | …].
    /// x: [..., K], kernels: [K, Uᵢ], biases: [Uᵢ] (all or none) -> y: [..., ΣUᵢ], projection i in columns
    /// U₁ + … + Uᵢ₋₁ ..< … + Uᵢ. Attention's queries, keys and values: one product with 3·U columns
    /// instead of three with U, so x is read once, the gradients of x come from one product (not three
    /// adding onto it), and each pass hands work to the cores once instead of three times.
    /// The kernels stay separate variables (Keras's weights); each pass copies them side by side into the
    /// workspace (a: kernels [K, ΣU], b: biases, c: kernel gradients, d: bias gradients).
    public static func projections(_ x: Variable, kernels: [Variable], biases: [Variable]?,
                                   workspace ws: Workspace = Workspace(), into out: Variable? = nil,
                                   tape: Tape?) throws -> Variable {
        let k = x.shape.last ?? 0, widths = kernels.map { $0.shape.last ?? 0 }, total = widths.reduce(0, +)
        guard !kernels.isEmpty, kernels.allSatisfy({ $0.value.rank == 2 && $0.shape[0] == k }),
              biases.map({ $0.count == kernels.count && zip($0, widths).allSatisfy { $0.value.count == $1 } }) ?? true
        else {
            throw LearnError.shape("projections: expected kernels [\(k), units] for input \(x.shape) and one bias of "
                                   + "each kernel's units, found \(kernels.map(\.shape)) and "
                                   + "\((biases ?? []).map(\.shape))")
        }
        let rows = x.value.count / max(k, 1), starts = widths.indices.map { widths[..<$0].reduce(0, +) }
        let inputs = [x] + kernels + (biases ?? [])
        let y = prepare(out, shape: Array(x.shape.dropLast()) + [total], inputs: inputs)
        ensure(&ws.a, shape: [k, total])
        let joined = ws.a.mutablePointer
        for (i, kernel) in kernels.enumerated() {
            copyColumns(kernel.value.pointer, rows: k, width: widths[i], into: joined + starts[i], ld: total)
        }
        if let biases {  // side by side too, added by the product as it stores y
            ensure(&ws.b, shape: [total])
            for (i, bias) in biases.enumerated() {
                (ws.b.mutablePointer + starts[i]).update(from: bias.value.pointer, count: widths[i])
            }
            Gemm.multiply(x.value.pointer, ws.a.pointer, into: y.value.mutablePointer, m: rows, n: total, k: k,
                          addingRowVector: ws.b.pointer, relu: false)
        } else {
            Gemm.multiply(x.value.pointer, ws.a.pointer, into: y.value.mutablePointer, m: rows, n: total, k: k)
        }
        guard let tape else { return y }
        tape.record(inputs: inputs, output: y) { tape in
            guard let dz = y.incomingGrad(tape) else { return }
            let biasGrads = biases?.contains(where: \.requiresGrad) ?? false
            if biasGrads {  // dz's column sums, taken by the kernels' product as it reads dz (or on their own)
                ensure(&ws.d, shape: [total])
                ws.d.zero()
            }
            if kernels.contains(where: \.requiresGrad) {  // [K, ΣU] = xᵀ[K, rows] · dz[rows, ΣU], then split
                ensure(&ws.c, shape: [k, total])
                Gemm.multiply(x.value.pointer, transposeA: true, dz, into: ws.c.mutablePointer, m: k, n: total,
                              k: rows, addingColumnSumsOfBTo: biasGrads ? ws.d.mutablePointer : nil)
                for (i, kernel) in kernels.enumerated() where kernel.requiresGrad {
                    let (dw, first) = kernel.writableGrad(tape)
                    addColumns(ws.c.pointer + starts[i], ld: total, rows: k, width: widths[i], into: dw,
                               overwrite: first)
                }
            } else if biasGrads {
                Kernels.accumulateColumnSums(dz, rows: rows, cols: total, into: ws.d.mutablePointer)
            }
            if let biases, biasGrads {
                for (i, bias) in biases.enumerated() where bias.requiresGrad {
                    let (db, first) = bias.writableGrad(tape)
                    addColumns(ws.d.pointer + starts[i], ld: total, rows: 1, width: widths[i], into: db,
                               overwrite: first)
                }
            }
            if x.requiresGrad {  // dx[rows, K] (+)= dz[rows, ΣU] · [W₁ | W₂ | …]ᵀ
                let (dx, first) = x.writableGrad(tape)
                Gemm.multiply(dz, ws.a.pointer, transposeB: true, into: dx, m: rows, n: k, k: total,
                              beta: first ? 0 : 1)
            }
        }
        return y
    }

    /// to[r·ld + j] = from[r·width + j] for r < rows, j < width: a [rows, width] matrix into a column block.
    private static func copyColumns(_ from: UnsafePointer<Float>, rows: Int, width: Int,
                                    into to: UnsafeMutablePointer<Float>, ld: Int) {
        for r in 0..<rows { (to + r * ld).update(from: from + r * width, count: width) }
    }

    /// to[r·width + j] (+)= from[r·ld + j]: a column block into a [rows, width] matrix, overwriting or adding.
    private static func addColumns(_ from: UnsafePointer<Float>, ld: Int, rows: Int, width: Int,
                                   into to: UnsafeMutablePointer<Float>, overwrite: Bool) {
        for r in 0..<rows {
            let source = from + r * ld, target = to + r * width
            if overwrite { target.update(from: source, count: width) } else {
                for j in 0..<width { target[j] += source[j] }
            }
        }
    }
}
