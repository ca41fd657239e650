import Tensor

extension Ops {
    /// Max pooling — x: [N, H, W, C] -> y: [N, Ho, Wo, C]; remembers argmax offsets for backward.
    public static func maxPool2d(_ x: Variable, pool: (Int, Int), stride: (Int, Int), padding: Padding,
                                 workspace: Workspace = Workspace(), into out: Variable? = nil,
                                 tape: Tape?) throws -> Variable {
        let g = try geometry(x, pool: pool, stride: stride, padding: padding, name: "MaxPool2D")
        let y = prepare(out, shape: [g.batch, g.outHeight, g.outWidth, g.channels], inputs: [x])
        if g.isPlain2x2 {  // no indices: the backward re-finds the winners
            Kernels.maxPool2x2(x.value.pointer, g, into: y.value.mutablePointer)
            tape?.record(inputs: [x], output: y) { tape in
                guard x.requiresGrad, let dy = y.incomingGrad(tape) else { return }
                let (dx, first) = x.writableGrad(tape)
                Kernels.maxPool2x2Backward(x: x.value.pointer, y: y.value.pointer, dy: dy, g, into: dx,
                                           overwrite: first)
            }
            return y
        }
        workspace.indices(count: y.value.count)
        workspace.indices.withUnsafeMutableBufferPointer { idx in
            Kernels.maxPool(x.value.pointer, g, into: y.value.mutablePointer, argmax: idx.baseAddress!)
        }
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            guard x.requiresGrad else { return }
            workspace.indices.withUnsafeBufferPointer { idx in
                let (dx, first) = x.writableGrad(tape)
                Kernels.maxPoolBackward(dyIn, argmax: idx.baseAddress!, g, accumulateInto: dx, overwrite: first)
            }
        }
        return y
    }

    /// Average pooling — x: [N, H, W, C] -> y: [N, Ho, Wo, C]
    public static func avgPool2d(_ x: Variable, pool: (Int, Int), stride: (Int, Int), padding: Padding,
                                 into out: Variable? = nil, tape: Tape?) throws -> Variable {
        let g = try geometry(x, pool: pool, stride: stride, padding: padding, name: "AvgPool2D")
        let y = prepare(out, shape: [g.batch, g.outHeight, g.outWidth, g.channels], inputs: [x])
        Kernels.avgPool(g, backward: false, input: x.value.pointer, output: y.value.mutablePointer)
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            guard x.requiresGrad else { return }
            Kernels.avgPool(g, backward: true, input: dyIn, output: x.accumulableGrad(tape))
        }
        return y
    }

    /// Mean over height and width — x: [N, H, W, C] -> y: [N, C]
    public static func globalAvgPool2d(_ x: Variable, into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard x.value.rank == 4 else {
            throw LearnError.shape("GlobalAveragePooling2D: expected [batch, height, width, channels], "
                                   + "found \(x.shape)")
        }
        let n = x.shape[0], hw = x.shape[1] * x.shape[2], c = x.shape[3]
        let y = prepare(out, shape: [n, c], inputs: [x])
        let xp = x.value.pointer, yp = y.value.mutablePointer
        let inv = 1 / Float(max(hw, 1))
        yp.update(repeating: 0, count: n * c)
        for i in 0..<n {
            for p in 0..<hw { let row = xp + (i * hw + p) * c; for ch in 0..<c { yp[i * c + ch] += row[ch] } }
            for ch in 0..<c { yp[i * c + ch] *= inv }
        }
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            guard x.requiresGrad else { return }
            let dy = dyIn; let dx = x.accumulableGrad(tape)
            for i in 0..<n {
                for p in 0..<hw { let row = dx + (i * hw + p) * c; for ch in 0..<c { row[ch] += dy[i * c + ch] * inv } }
            }
        }
        return y
    }

    private static func geometry(_ x: Variable, pool: (Int, Int), stride: (Int, Int), padding: Padding,
                                 name: String) throws -> WindowGeometry {
        guard x.value.rank == 4 else {
            throw LearnError.shape("\(name): expected [batch, height, width, channels], found \(x.shape)")
        }
        return try WindowGeometry(batch: x.shape[0], height: x.shape[1], width: x.shape[2], channels: x.shape[3],
                                  kernel: pool, stride: stride, padding: padding)
    }
}
