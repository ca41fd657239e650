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

    public override var typeName: String { "Bidirectional" }
    public override var parameters: [Parameter] {
        [forwardLayer, backwardLayer].flatMap { layer in
            layer.parameters.map { Parameter(name: "\(layer.name)/\($0.name)", variable: $0.variable, trainable: $0.trainable) }
        }
    }
    public override var config: LayerConfig {
        var c = LayerConfig(type: typeName)
        c.layers = [forwardLayer.config]
        return c
    }

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
        if backwardLayer.returnSequences { behind = try Ops.reverseSteps(behind, steps: steps, into: out[1], tape: tape) }
        return try Ops.concatenateLast(ahead, behind, into: out[2], tape: tape)
    }
}
