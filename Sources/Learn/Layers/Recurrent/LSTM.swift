import Tensor

// A deliberate parallel of GRU and SimpleRNN: RecurrentLayer does the work; each names its gates, bias and op.

/// Long short-term memory layer with Keras's gate order (i, f, c, o), tanh/sigmoid activations and
/// unit forget bias (the forget gate's bias starts at 1). Parameters: 4·(F·U + U·U + U)
/// (LSTM(128) on 28 features: 80,384).
public final class LSTM: RecurrentLayer {
    /// Cell states of the most recent forward pass while `recordStates` is on: [B, steps, units].
    public private(set) var cellStates: Tensor?

    /// - Parameters: units: state size; returnSequences: output every step instead of the last;
    ///   dropout, recurrentDropout: Keras's, applied while training.
    public init(_ units: Int, returnSequences: Bool = false, dropout: Float = 0, recurrentDropout: Float = 0) {
        super.init(units: units, returnSequences: returnSequences, dropout: dropout, recurrentDropout: recurrentDropout)
    }

    public override class var spec: LayerSpec {
        LayerSpec("LSTM", doc: "long short-term memory, Keras's gate order (i, f, c, o)",
                  options: [unitsOption, returnSequencesOption] + dropoutOptions,
                  weights: .recurrent(gateOrderFromPyTorch: [0, 1, 2, 3])) { o in
            LSTM(try o.int("units"), returnSequences: try o.bool("returnSequences"),
                    dropout: try o.float("dropout"), recurrentDropout: try o.float("recurrentDropout"))
        }
    }
    public override var gateNames: [String] { ["i", "f", "c", "o"] }

    override func makeBias() -> Tensor {
        var b = Tensor(zeros: [4 * units])
        b.mutablePointer.advanced(by: units).update(repeating: 1, count: units)
        return b
    }

    override func twin() -> RecurrentLayer {
        LSTM(units, returnSequences: returnSequences, dropout: dropout, recurrentDropout: recurrentDropout)
    }

    override func run(_ x: Variable, workspace: RecurrentWorkspace, dropout masks: RecurrentDropout?,
                      into out: Variable, tape: Tape?) throws -> Variable {
        try Ops.lstm(x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias,
                     returnSequences: returnSequences, workspace: workspace, dropout: masks, into: out,
                    tape: tape)
    }

    override func record(_ ws: RecurrentWorkspace, batch: Int) {
        super.record(ws, batch: batch)
        cellStates = batchMajor(ws.cells, batch: batch)
    }
}
