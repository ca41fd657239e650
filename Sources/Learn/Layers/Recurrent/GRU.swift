import Tensor

// A deliberate parallel of LSTM and SimpleRNN: RecurrentLayer does the work; each names its gates, bias and op.

/// Gated recurrent unit with Keras's default layout (`reset_after=True`, gates z, r, h): the bias
/// is [2, 3U] (input and recurrent). Parameters: 3·(F·U + U·U + 2U) (GRU(64) on 28 features: 18,048).
public final class GRU: RecurrentLayer {
    /// - Parameters: units: state size; returnSequences: output every step instead of the last;
    ///   dropout, recurrentDropout: Keras's, applied while training.
    public init(_ units: Int, returnSequences: Bool = false, dropout: Float = 0, recurrentDropout: Float = 0) {
        super.init(units: units, returnSequences: returnSequences, dropout: dropout, recurrentDropout: recurrentDropout)
    }

    public override class var spec: LayerSpec {
        LayerSpec("GRU", doc: "gated recurrent unit, Keras's reset_after layout (gates z, r, h)",
                  options: [unitsOption, returnSequencesOption] + dropoutOptions,
                  weights: .recurrent(gateOrderFromPyTorch: [1, 0, 2])) { o in
            GRU(try o.int("units"), returnSequences: try o.bool("returnSequences"),
                   dropout: try o.float("dropout"), recurrentDropout: try o.float("recurrentDropout"))
        }
    }
    public override var gateNames: [String] { ["z", "r", "h"] }
    override func makeBias() -> Tensor { Tensor(zeros: [2, 3 * units]) }

    override func twin() -> RecurrentLayer {
        GRU(units, returnSequences: returnSequences, dropout: dropout, recurrentDropout: recurrentDropout)
    }

    override func run(_ x: Variable, workspace: RecurrentWorkspace, dropout masks: RecurrentDropout?,
                      into out: Variable, tape: Tape?) throws -> Variable {
        try Ops.gru(x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias,
                    returnSequences: returnSequences, workspace: workspace, dropout: masks, into: out,
                    tape: tape)
    }
}
