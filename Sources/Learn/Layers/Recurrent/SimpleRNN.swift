import Tensor

// A deliberate parallel of GRU and LSTM: RecurrentLayer does the work; each names its gates, bias and op.

/// Fully connected recurrent layer: h_t = activation(x_t·kernel + h_{t-1}·recurrent_kernel + bias).
/// Parameters as Keras: F·U + U·U + U (SimpleRNN(64) on 28 features: 5,952).
public final class SimpleRNN: RecurrentLayer {
    /// The state's activation (tanh by default, as Keras).
    public let activation: ActivationFunction

    /// - Parameters: units: state size; returnSequences: output every step instead of the last;
    ///   dropout, recurrentDropout: Keras's, applied while training.
    public init(_ units: Int, activation: ActivationFunction = .tanh, returnSequences: Bool = false,
                dropout: Float = 0, recurrentDropout: Float = 0) {
        self.activation = activation
        super.init(units: units, returnSequences: returnSequences, dropout: dropout, recurrentDropout: recurrentDropout)
    }

    public override class var spec: LayerSpec {
        let stateActivations = ActivationFunction.allCases.filter { $0 != .softmax }
        return LayerSpec("SimpleRNN", baseName: "simple_rnn", doc: "fully connected recurrent layer", options: [
            unitsOption,
            LayerOption("activation", .activation(allowed: stateActivations), default: .text("tanh"),
                        doc: "the state's activation"),
            returnSequencesOption,
        ] + dropoutOptions, weights: .recurrent(gateOrderFromPyTorch: [0])) { o in
            SimpleRNN(try o.int("units"), activation: try o.activation("activation"),
                      returnSequences: try o.bool("returnSequences"), dropout: try o.float("dropout"),
                      recurrentDropout: try o.float("recurrentDropout"))
        }
    }
    public override var options: LayerOptions {
        var own = super.options
        own["activation"] = .text(activation.rawValue)
        return own
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard activation != .softmax else {
            throw LearnError.invalidArgument("SimpleRNN: softmax cannot be a state activation; "
                                             + "use tanh (default) or relu")
        }
        return try super.build(inputShape: inputShape, rng: &rng)
    }

    override func twin() -> RecurrentLayer {
        SimpleRNN(units, activation: activation, returnSequences: returnSequences, dropout: dropout,
                  recurrentDropout: recurrentDropout)
    }

    override func run(_ x: Variable, workspace: RecurrentWorkspace, dropout masks: RecurrentDropout?,
                      into out: Variable, tape: Tape?) throws -> Variable {
        try Ops.simpleRNN(x, steps: steps, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias,
                          activation: activation.pointwise, alpha: activation.defaultAlpha,
                          returnSequences: returnSequences, workspace: workspace, dropout: masks, into: out,
                    tape: tape)
    }
}
