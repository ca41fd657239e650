import Tensor
import RunLimits

/// What SimpleRNN, LSTM and GRU share: reading [steps, features] samples (an image [H, W, C] is
/// read as H steps of W·C features), Keras's weights (kernel [F, gates·U], recurrent kernel
/// [U, gates·U] orthogonal, bias), the output of the last step or of every step, and optional
/// recording of the hidden states for analysis.
public class RecurrentLayer: Layer {
    /// Size of the hidden state.
    public let units: Int
    /// Output every step's hidden state ([steps, units]) instead of the last one ([units]).
    public let returnSequences: Bool
    /// Keras's `dropout` and `recurrent_dropout`: the fraction of inputs and of the state fed to the
    /// gates dropped while training, with one mask per sequence (see `RecurrentDropout`).
    public let dropout: Float, recurrentDropout: Float
    /// When true, each forward pass keeps its hidden states (see `hiddenStates`).
    public var recordStates = false
    /// Hidden states of the most recent forward pass while `recordStates` is on: [B, steps, units].
    public internal(set) var hiddenStates: Tensor?
    var kernel = Variable(zeros: [0]), recurrentKernel = Variable(zeros: [0]), bias = Variable(zeros: [0])
    /// Steps and features per step of the built input.
    public private(set) var steps = 0, features = 0
    private var workspaces: [Int: RecurrentWorkspace] = [:]

    init(units: Int, returnSequences: Bool, dropout: Float, recurrentDropout: Float) {
        self.units = units; self.returnSequences = returnSequences
        self.dropout = dropout; self.recurrentDropout = recurrentDropout
    }

    /// A new, unbuilt layer with the same settings (the backward half of a Bidirectional).
    func twin() -> RecurrentLayer {
        RecurrentLayer(units: units, returnSequences: returnSequences, dropout: dropout,
                       recurrentDropout: recurrentDropout)
    }

    /// Number of gate blocks (1 SimpleRNN, 4 LSTM, 3 GRU).
    var gates: Int { gateNames.count }
    /// The gate blocks of the kernels' columns, in Keras's order.
    public var gateNames: [String] { ["h"] }
    /// The bias for `gates · units` columns: zeros unless the cell says otherwise.
    func makeBias() -> Tensor { Tensor(zeros: [gates * units]) }

    public override var parameters: [Parameter] {
        [Parameter(name: "kernel", variable: kernel, trainable: true),
         Parameter(name: "recurrent_kernel", variable: recurrentKernel, trainable: true),
         Parameter(name: "bias", variable: bias, trainable: true)]
    }
    /// Dropout rates are saved only when set, so models without them keep the files earlier versions wrote and read.
    public override var options: LayerOptions {
        var own: LayerOptions = ["units": .int(units), "returnSequences": .bool(returnSequences)]
        if dropout > 0 { own["dropout"] = .float(dropout) }
        if recurrentDropout > 0 { own["recurrentDropout"] = .float(recurrentDropout) }
        return own
    }

    /// The options every recurrent layer has.
    static let unitsOption = LayerOption("units", .positiveInt, positional: true, doc: "size of the hidden state")
    static let returnSequencesOption = LayerOption("returnSequences", .bool, default: .bool(false),
                                                    doc: "output every step ([steps, units]) instead of the last")
    static let dropoutOptions = [
        LayerOption("dropout", .number(.fraction), default: .number(0),
                    doc: "fraction of the inputs dropped while training, one mask per sequence"),
        LayerOption("recurrentDropout", .number(.fraction), default: .number(0),
                    doc: "fraction of the state fed to the gates dropped while training, one mask per sequence"),
    ]

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard units > 0 else { throw LearnError.invalidArgument("\(typeName): units must be positive, found \(units)") }
        guard inputShape.count >= 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.shape("\(typeName): input must be (steps, features) per sample, found \(inputShape); "
                                   + "add Reshape([steps, features]) before it")
        }
        let rates = [("dropout", dropout), ("recurrentDropout", recurrentDropout)]
        for (name, rate) in rates where !(0..<1).contains(rate) {
            throw LearnError.invalidArgument("\(typeName): \(name) must be in [0, 1), found \(rate)")
        }
        steps = inputShape[0]; features = inputShape.dropFirst().reduce(1, *)
        // Saturating: LSTM(Int.max) must reach the budget check, not overflow here.
        let width = ByteCount.product(gates, units)
        try reserveWeights([[features, width], [units, width], [width]])
        kernel = Variable(Initializer.glorotUniform([features, width], fanIn: features, fanOut: width, rng: &rng))
        recurrentKernel = Variable(Initializer.orthogonal(rows: units, cols: width, rng: &rng))
        bias = Variable(makeBias())
        return returnSequences ? [steps, units] : [units]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let batch = x.shape[0]
        let (out, _) = cache(batch: batch, outputs: 1)
        let ws = workspace(batch: batch)
        // Masks only while training: inference runs the plain path, identical to a layer without dropout.
        let masks = context.training ? RecurrentDropout.draw(batch: batch, features: features, units: units,
                                                             dropout: dropout, recurrentDropout: recurrentDropout,
                                                             rng: &context.rng) : nil
        let y = try run(x, workspace: ws, dropout: masks, into: out[0], tape: context.tape)
        if recordStates { record(ws, batch: batch) }
        return y
    }

    /// The cell's op on a batch — x: [B, T, F…] -> [B, T, U] or [B, U].
    func run(_ x: Variable, workspace: RecurrentWorkspace, dropout: RecurrentDropout?, into out: Variable,
             tape: Tape?) throws -> Variable {
        x
    }

    /// Copies the workspace's time-major states into the batch-major records.
    func record(_ ws: RecurrentWorkspace, batch: Int) {
        hiddenStates = batchMajor(ws.states, batch: batch)
    }

    /// [T + 1, B, U] (slot 0 the initial state) -> [B, T, U].
    func batchMajor(_ timeMajor: Tensor, batch: Int) -> Tensor {
        var y = Tensor(zeros: [batch, steps, units])
        let p = y.mutablePointer, s = timeMajor.pointer
        for t in 0..<steps {
            for n in 0..<batch {
                (p + (n * steps + t) * units).update(from: s + ((t + 1) * batch + n) * units, count: units)
            }
        }
        return y
    }

    private func workspace(batch: Int) -> RecurrentWorkspace {
        if let ws = workspaces[batch] { return ws }
        if workspaces.count >= 8 { workspaces.removeAll() }  // bound memory when callers vary batch sizes
        let ws = RecurrentWorkspace()
        workspaces[batch] = ws
        return ws
    }
}
