import Tensor

extension Ops {
    /// y = f(x) elementwise — any shape. `alpha`: leakyRelu slope (Keras 0.3 in layers, 0.2 in
    /// `keras.activations`) or elu scale (1.0).
    public static func activation(_ x: Variable, _ kind: Activation, alpha: Float = 0.2,
                                  into out: Variable? = nil, tape: Tape?) -> Variable {
        let y = prepare(out, shape: x.shape, inputs: [x])
        kind.forward(x.value.pointer, into: y.value.mutablePointer, count: x.value.count, alpha: alpha)
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            guard x.requiresGrad else { return }
            kind.backward(x: x.value.pointer, y: y.value.pointer, dy: dyIn,
                          accumulateInto: x.accumulableGrad(tape), count: x.value.count, alpha: alpha)
        }
        return y
    }

    /// Softmax over the last axis — x: [..., K] -> y: [..., K]
    public static func softmax(_ x: Variable, into out: Variable? = nil, tape: Tape?) -> Variable {
        let k = x.shape.last ?? 1, rows = x.value.count / max(k, 1)
        let y = prepare(out, shape: x.shape, inputs: [x])
        Kernels.softmaxRows(x.value.pointer, into: y.value.mutablePointer, rows: rows, cols: k)
        guard let tape else { return y }
        tape.record(inputs: [x], output: y) { tape in
            guard let dyIn = y.incomingGrad(tape) else { return }
            guard x.requiresGrad else { return }
            Kernels.softmaxRowsBackward(y: y.value.pointer, dy: dyIn, into: x.accumulableGrad(tape),
                                        rows: rows, cols: k)
        }
        return y
    }
}
