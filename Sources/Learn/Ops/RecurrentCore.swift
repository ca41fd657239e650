import Tensor

// Shared machinery of the recurrent ops (SimpleRNN, LSTM, GRU).
// Shapes: B = batch, T = steps, F = features per step, U = units, W = gates · U.
// Everything is kept time-major ([T, B, …]) so the slice of one step is contiguous and the
// per-step products are plain SGEMMs with no strides.

/// Buffers a recurrent op keeps between its forward and backward pass; sized on first use for a
/// batch size and then reused, so training allocates nothing per step.
public final class RecurrentWorkspace {
    /// x in time-major order [T, B, F].
    public var inputs = Tensor(zeros: [0])
    /// Per step gate values [T, B, W]: pre-activations during the product, activated gates after.
    public var gates = Tensor(zeros: [0])
    /// GRU only: the recurrent products h·R + b_rec per step [T, B, W] (their candidate part is
    /// needed by the backward).
    public var recurrent = Tensor(zeros: [0])
    /// Hidden states [T + 1, B, U]; slot 0 is the zero initial state.
    public var states = Tensor(zeros: [0])
    /// With recurrent dropout: the previous states as fed to the gates, h_t ⊙ mask [T + 1, B, U].
    public var maskedStates = Tensor(zeros: [0])
    /// LSTM only: cell states [T + 1, B, U] and tanh of the cell states [T, B, U].
    public var cells = Tensor(zeros: [0]), cellTanh = Tensor(zeros: [0])
    /// Backward: d(loss)/d(gate pre-activations) for the input projection [T, B, W], and (GRU) for
    /// the recurrent projection [T, B, W].
    public var gateGrads = Tensor(zeros: [0]), recurrentGrads = Tensor(zeros: [0])
    /// Backward carries: d(loss)/dh and (LSTM) d(loss)/dc of the step being processed [B, U]; GRU
    /// with recurrent dropout uses `cellGrad` for the recurrent product before it is masked.
    public var hiddenGrad = Tensor(zeros: [0]), cellGrad = Tensor(zeros: [0])
    /// Backward: d(loss)/dx in time-major order [T, B, F].
    public var inputGrads = Tensor(zeros: [0])
    /// The recurrent kernel R [U, W] packed for the forward's per-step products, and Rᵀ for the
    /// backward's.
    let recurrentKernel = PackedOperand(), transposedRecurrentKernel = PackedOperand()
    /// LSTM: the input kernel [F, W] packed for its per-step input projections (`projectsInSteps`).
    let inputKernel = PackedOperand()
    public init() {}
}

/// The sizes of one recurrent op call.
struct RecurrentShape {
    let batch: Int, steps: Int, features: Int, units: Int, gates: Int
    var width: Int { gates * units }
    /// Elements of one step's slice of a [T, B, U] buffer.
    var stepStates: Int { batch * units }
    /// Elements of one step's slice of a [T, B, W] buffer.
    var stepGates: Int { batch * width }
}

extension Ops {
    /// Checks x: [B, T, …] against the kernel [F, W] and recurrent kernel [U, W].
    static func recurrentShape(_ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable, gates: Int,
                               name: String) throws -> RecurrentShape {
        guard kernel.value.rank == 2, recurrentKernel.value.rank == 2 else {
            throw LearnError.shape("\(name): kernels must be matrices, "
                                   + "found \(kernel.shape) and \(recurrentKernel.shape)")
        }
        let units = recurrentKernel.shape[0], f = kernel.shape[0]
        guard recurrentKernel.shape[1] == gates * units, kernel.shape[1] == gates * units else {
            throw LearnError.shape("\(name): expected kernel [F, \(gates * units)] and recurrent kernel [\(units), "
                                   + "\(gates * units)], found \(kernel.shape) and \(recurrentKernel.shape)")
        }
        let b = x.shape.first ?? 0
        guard x.value.rank >= 2, steps > 0, x.value.count == b * steps * f else {
            throw LearnError.shape("\(name): expected input (batch, \(steps), \(f)), found \(x.shape)")
        }
        return RecurrentShape(batch: b, steps: steps, features: f, units: units, gates: gates)
    }

    /// What every recurrent op does first: checks x and the kernels (see `recurrentShape`), the input
    /// dropout mask and the bias (`biasRows` rows of W values; with `biasInStep` the op's step kernel adds
    /// it instead of the input projection), prepares the output ([B, T, U] with
    /// `returnSequences`, else [B, U]), projects the inputs and readies the recurrent dropout mask.
    /// `projectsInSteps`: the op projects each step's inputs itself, in its step loop (`projectStep`), so only
    /// `prepareStepProjections` runs here.
    static func startRecurrence(_ name: String, _ x: Variable, steps: Int, kernel: Variable, recurrentKernel: Variable,
                                bias: Variable, gates: Int, biasRows: Int = 1, biasInStep: Bool = false,
                                projectsInSteps: Bool = false, returnSequences: Bool,
                                _ ws: RecurrentWorkspace, dropout: RecurrentDropout?, into out: Variable?)
        throws -> (s: RecurrentShape, y: Variable, recurrentMask: UnsafePointer<Float>?) {
        let s = try recurrentShape(x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel, gates: gates,
                                   name: name)
        try checkInputMask(dropout, s)
        guard bias.value.count == biasRows * s.width else {
            let expected = biasRows == 1 ? "have \(s.width) values" : "be [\(biasRows), \(s.width)]"
            throw LearnError.shape("\(name): bias must \(expected), found \(bias.shape)")
        }
        let y = prepare(out, shape: returnSequences ? [s.batch, s.steps, s.units] : [s.batch, s.units],
                        inputs: [x, kernel, recurrentKernel, bias])
        precondition(!projectsInSteps || biasInStep,
                     "\(name): a projection in steps leaves the bias to the step kernel")
        if projectsInSteps {
            prepareStepProjections(x, kernel: kernel, s, ws, inputMask: dropout?.input)
        } else {
            projectInputs(x, kernel: kernel, bias: biasInStep ? nil : bias.value.pointer, s, ws,
                          inputMask: dropout?.input)
        }
        return (s, y, try prepareRecurrentMask(dropout, s, ws))
    }

    /// What every recurrent op does last: the output from the hidden states and, on a tape, a record
    /// of `backward(dy, tape)`, run after sizing the backward buffers (see `startRecurrentBackward`).
    static func finishRecurrence(_ y: Variable, inputs: [Variable], _ s: RecurrentShape, _ ws: RecurrentWorkspace,
                                 returnSequences: Bool, cells: Bool, tape: Tape?,
                                 backward: @escaping (_ dy: UnsafePointer<Float>, Tape) -> Void) -> Variable {
        emitStates(s, ws, returnSequences: returnSequences, into: y)
        tape?.record(inputs: inputs, output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            startRecurrentBackward(s, ws, cells: cells)
            backward(dy, tape)
        }
        return y
    }

    /// Computes the input projection for every step as ONE product (after `layOutInputs`):
    /// gates [T·B, W] = xᵀ [T·B, F] · kernel [F, W] + bias [W]; a nil bias leaves it to the cell's step
    /// kernel, which adds it while the gate row is in registers anyway.
    static func projectInputs(_ x: Variable, kernel: Variable, bias: UnsafePointer<Float>?, _ s: RecurrentShape,
                              _ ws: RecurrentWorkspace, inputMask: Tensor? = nil) {
        layOutInputs(x, s, ws, inputMask: inputMask)
        let g = ws.gates.mutablePointer
        if let bias {
            Gemm.multiply(ws.inputs.pointer, kernel.value.pointer, into: g, m: s.steps * s.batch, n: s.width,
                          k: s.features, addingRowVector: bias, relu: false)
        } else {
            Gemm.multiply(ws.inputs.pointer, kernel.value.pointer, into: g, m: s.steps * s.batch, n: s.width,
                          k: s.features)
        }
    }

    /// What `projectStep` needs instead of `projectInputs`: x laid out (`layOutInputs`) and the kernel packed.
    static func prepareStepProjections(_ x: Variable, kernel: Variable, _ s: RecurrentShape, _ ws: RecurrentWorkspace,
                                       inputMask: Tensor? = nil) {
        layOutInputs(x, s, ws, inputMask: inputMask)
        ws.inputKernel.pack(kernel.value.pointer, k: s.features, n: s.width)
    }

    /// Sizes the workspace, lays x out time-major ([B, T, F] -> [T, B, F]) and zeroes the initial state.
    /// With an input dropout mask [B, F], x_t ⊙ mask is what the kernel sees (and what its gradient uses).
    private static func layOutInputs(_ x: Variable, _ s: RecurrentShape, _ ws: RecurrentWorkspace,
                                     inputMask: Tensor?) {
        ensure(&ws.inputs, shape: [s.steps, s.batch, s.features])
        ensure(&ws.gates, shape: [s.steps, s.batch, s.width])
        ensure(&ws.states, shape: [s.steps + 1, s.batch, s.units])
        let xp = x.value.pointer, xt = ws.inputs.mutablePointer
        for n in 0..<s.batch {  // [B, T, F] -> [T, B, F]
            for t in 0..<s.steps {
                let from = xp + (n * s.steps + t) * s.features, to = xt + (t * s.batch + n) * s.features
                if let inputMask { maskValues(from, inputMask.pointer + n * s.features, into: to, count: s.features) }
                else { to.update(from: from, count: s.features) }
            }
        }
        ws.states.mutablePointer.update(repeating: 0, count: s.stepStates)
    }

    /// One step's input projection for some batch rows, inside the op's step loop: gates[m, W] =
    /// x_t[rows, F] · kernel[F, W] (the bias left to the step kernel). Each slice projects its own rows
    /// while they are about to be read, instead of one product over all steps writing [T, B, W] to memory
    /// for the step loop to read back: the same multiply-adds in the same order, so the same bits.
    static func projectStep(_ t: Int, rows: Range<Int>, _ s: RecurrentShape, _ ws: RecurrentWorkspace,
                            into gates: UnsafeMutablePointer<Float>) {
        let x = ws.inputs.pointer + (t * s.batch + rows.lowerBound) * s.features
        ws.inputKernel.multiply(x, into: gates, m: rows.count)
    }

    /// The layer output from the hidden states: every step [B, T, U] or the last one [B, U].
    static func emitStates(_ s: RecurrentShape, _ ws: RecurrentWorkspace, returnSequences: Bool, into y: Variable) {
        let h = ws.states.pointer, yp = y.value.mutablePointer
        if !returnSequences {
            yp.update(from: h + s.steps * s.stepStates, count: s.stepStates)
            return
        }
        for t in 0..<s.steps {
            for n in 0..<s.batch {
                (yp + (n * s.steps + t) * s.units).update(from: h + (t + 1) * s.stepStates + n * s.units,
                                                          count: s.units)
            }
        }
    }

    /// Runs `body` over slices of the batch, one per core, each slice carried through every step
    /// on its own: rows of a batch never interact in a recurrence, so the slices need no
    /// synchronisation between steps, and a whole sequence costs one hand-off instead of one or
    /// two per step. A slice's products have as many rows as it has, which can change how they
    /// round, so the split uses the constant threshold (`forEachChunk`) and repeats in every process.
    static func forEachBatchSlice(_ s: RecurrentShape, _ body: (Range<Int>) -> Void) {
        Parallel.forEachChunk(s.batch, costPerItem: s.steps * s.width * s.units) { _, range in body(range) }
    }

    /// dh[rows, U] += the output gradient of step t for the given batch rows (dh points at the
    /// first of them): dy[:, t, :] of [B, T, U] for sequences, dy[B, U] for the last step only
    /// otherwise.
    static func addOutputGrad(_ dy: UnsafePointer<Float>, step t: Int, _ s: RecurrentShape, rows: Range<Int>,
                              returnSequences: Bool, into dh: UnsafeMutablePointer<Float>) {
        let u = s.units
        if !returnSequences {
            guard t == s.steps - 1 else { return }
            let from = dy + rows.lowerBound * u
            for i in 0..<(rows.count * u) { dh[i] += from[i] }
            return
        }
        for n in rows {
            let from = dy + (n * s.steps + t) * u, to = dh + (n - rows.lowerBound) * u
            for j in 0..<u { to[j] += from[j] }
        }
    }

    /// Backward products shared by all cells, done once over all steps:
    /// kernel += xᵀ·dG and bias += Σ dG (in one product), recurrentKernel += H_prevᵀ·dR (dR = dG unless
    /// the cell has separate recurrent gradients), recurrentBias += Σ dR, x += dG·kernelᵀ (back to [B, T, F]).
    /// With dropout, H_prev is the masked states and dx is masked as x was.
    static func recurrentParameterGrads(_ x: Variable, kernel: Variable, recurrentKernel: Variable,
                                        bias: (Variable, offset: Int)?, recurrentBias: (Variable, offset: Int)?,
                                        recurrentGrads: UnsafePointer<Float>, _ s: RecurrentShape,
                                        _ ws: RecurrentWorkspace, dropout: RecurrentDropout? = nil, tape: Tape) {
        let dG = ws.gateGrads.pointer, rows = s.steps * s.batch
        // the bias's gradient: dG's column sums, taken by the kernel's product as it reads dG (or on their own)
        let biasGrad = bias.flatMap { b, offset in b.requiresGrad ? b.accumulableGrad(tape) + offset : nil }
        if kernel.requiresGrad {  // [F, W] += [T·B, F]ᵀ · [T·B, W]
            let (dw, first) = kernel.writableGrad(tape)
            Gemm.multiply(ws.inputs.pointer, transposeA: true, dG, into: dw, m: s.features, n: s.width, k: rows,
                          beta: first ? 0 : 1, addingColumnSumsOfBTo: biasGrad)
        } else if let biasGrad {
            Kernels.accumulateColumnSums(dG, rows: rows, cols: s.width, into: biasGrad)
        }
        // [U, W] += [T·B, U]ᵀ · [T·B, W] with H_prev = states[0..<T]; h_0 = 0 adds nothing
        if recurrentKernel.requiresGrad {
            let (dr, first) = recurrentKernel.writableGrad(tape)
            let previous = dropout?.recurrent == nil ? ws.states.pointer : ws.maskedStates.pointer
            Gemm.multiply(previous + s.stepStates, transposeA: true, recurrentGrads + s.stepGates, into: dr,
                          m: s.units, n: s.width, k: rows - s.batch, beta: first ? 0 : 1)
        }
        if let (b, offset) = recurrentBias, b.requiresGrad {
            Kernels.accumulateColumnSums(recurrentGrads, rows: rows, cols: s.width,
                                         into: b.accumulableGrad(tape) + offset)
        }
        guard x.requiresGrad else { return }
        ensure(&ws.inputGrads, shape: [s.steps, s.batch, s.features])
        let dxt = ws.inputGrads.mutablePointer
        Gemm.multiply(dG, kernel.value.pointer, transposeB: true, into: dxt, m: rows, n: s.features, k: s.width)
        let (dx, first) = x.writableGrad(tape)
        for n in 0..<s.batch {  // [T, B, F] -> [B, T, F]
            for t in 0..<s.steps {
                let from = dxt + (t * s.batch + n) * s.features, to = dx + (n * s.steps + t) * s.features
                if let mask = dropout?.input {
                    maskValues(from, mask.pointer + n * s.features, into: from, count: s.features)
                }
                if first { to.update(from: from, count: s.features) }
                else { for j in 0..<s.features { to[j] += from[j] } }
            }
        }
    }

    /// Prepares the backward carries: zeroed d(loss)/dh (and d(loss)/dc) and the gate gradients.
    static func startRecurrentBackward(_ s: RecurrentShape, _ ws: RecurrentWorkspace, cells: Bool) {
        ensure(&ws.gateGrads, shape: [s.steps, s.batch, s.width])
        ensure(&ws.hiddenGrad, shape: [s.batch, s.units])
        ws.hiddenGrad.zero()
        if cells { ensure(&ws.cellGrad, shape: [s.batch, s.units]); ws.cellGrad.zero() }
    }
}
