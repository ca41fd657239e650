import Tensor

/// Runs a recurrent layer over the sequence and a twin of it over the reversed sequence, and
/// concatenates their outputs (Keras's `Bidirectional`, merge mode "concat"): [2U] per sample, or
/// [steps, 2U] with `returnSequences` (the backward outputs put back in time order).
/// Parameters: twice the wrapped layer's (named "forward_<layer>/…" and "backward_<layer>/…").
public final class Bidirectional: Layer {
    /// The layer reading steps first to last, and its twin reading last to first (set
    /// `recordStates` on either; the backward layer's states are in its own, reversed, step order).
    public let forwardLayer: RecurrentLayer, backwardLayer: RecurrentLayer

    /// Wraps `layer` (used as the forward direction); the backward direction is a new layer with
    /// the same settings.
    public init(_ layer: RecurrentLayer) {
        forwardLayer = layer
        backwardLayer = layer.twin()
    }

    public override class var spec: LayerSpec {
        LayerSpec("Bidirectional", doc: "a recurrent layer over the steps in both directions, outputs concatenated",
                  options: [LayerOption("layers", .layer, cell: "layer", positional: true,
                                        doc: "the recurrent layer (SimpleRNN, LSTM or GRU) reading forward")]) { o in
            guard let layer = try o.layers("layers").first, let recurrent = layer as? RecurrentLayer else {
                let found = try o.layers("layers").first?.typeName ?? "nothing"
                throw LearnError.invalidArgument("Bidirectional wraps a recurrent layer (SimpleRNN, LSTM or GRU), "
                                                 + "such as Bidirectional(LSTM(64)); got \(found)")
            }
            return Bidirectional(recurrent)
        }
    }
    /// Saved as a list of one, the forward layer: the backward twin is made from it.
    public override var options: LayerOptions { ["layers": .layers([forwardLayer])] }
    /// The forward and backward layers; parameters are named "forward_<layer>/…", "backward_<layer>/…".
    public override var children: [Layer] { [forwardLayer, backwardLayer] }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        var shape: [Int] = []
        for (direction, layer) in [("forward", forwardLayer), ("backward", backwardLayer)] {
            layer.name = "\(direction)_\(layer.baseName)"
            layer.inputShape = inputShape
            shape = try layer.build(inputShape: inputShape, rng: &rng)
            layer.outputShape = shape
        }
        return Array(shape.dropLast()) + [2 * forwardLayer.units]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 3)
        let tape = context.tape, steps = forwardLayer.steps
        let ahead = try forwardLayer.forward(x, context: context)
        let reversed = try Ops.reverseSteps(x, steps: steps, into: out[0], tape: tape)
        var behind = try backwardLayer.forward(reversed, context: context)
        if backwardLayer.returnSequences {
            behind = try Ops.reverseSteps(behind, steps: steps, into: out[1], tape: tape)
        }
        return try Ops.concatenateLast(ahead, behind, into: out[2], tape: tape)
    }
}
