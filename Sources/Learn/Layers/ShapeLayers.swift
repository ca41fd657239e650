import Tensor

/// Flattens each sample to one axis: [H, W, C] -> [H*W*C].
public final class Flatten: Layer {
    public override init() {}
    public override class var spec: LayerSpec {
        LayerSpec("Flatten", doc: "each sample as one axis: [H, W, C] → [H·W·C]") { _ in Flatten() }
    }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        [inputShape.reduce(1, *)]
    }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.reshape(x, samplesTo: outputShape, into: out[0], tape: context.tape)
    }
}

/// Reshapes each sample to `targetShape` (same number of elements).
public final class Reshape: Layer {
    public let targetShape: [Int]
    public init(_ targetShape: [Int]) { self.targetShape = targetShape }
    public override class var spec: LayerSpec {
        LayerSpec("Reshape", doc: "each sample to a new shape with the same number of values", options: [
            LayerOption("targetShape", .shape, cell: "shape", positional: true, doc: "sizes without the batch"),
        ]) { o in Reshape(try o.ints("targetShape")) }
    }
    public override var options: LayerOptions { ["targetShape": .ints(targetShape)] }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard targetShape.allSatisfy({ $0 > 0 }),
              ShapeSize.elements(targetShape) == ShapeSize.elements(inputShape) else {
            throw LearnError.shape("Reshape: cannot reshape samples of shape \(inputShape) to \(targetShape); "
                                   + "element counts must match")
        }
        return targetShape
    }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.reshape(x, samplesTo: targetShape, into: out[0], tape: context.tape)
    }
}

/// A standalone activation, e.g. `ActivationLayer(.relu)` or `ActivationLayer(.softmax)`.
public final class ActivationLayer: Layer {
    public let function: ActivationFunction, alpha: Float
    public init(_ function: ActivationFunction, alpha: Float? = nil) {
        self.function = function; self.alpha = alpha ?? function.defaultAlpha
    }
    public override class var spec: LayerSpec {
        LayerSpec("Activation", doc: "an activation on its own", options: [
            LayerOption("activation", OptionKind.anyActivation, cell: "function", positional: true,
                        doc: "the function applied to every value (softmax: over the last axis)"),
            .alpha,
        ]) { o in ActivationLayer(try o.activation("activation"), alpha: try o.optional("alpha", LayerOptions.float)) }
    }
    public override var options: LayerOptions { ["activation": .text(function.rawValue), "alpha": .float(alpha)] }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        if function == .linear || (function == .softmax && context.wantLogits) { return x }
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return function.apply(x, alpha: alpha, context: context, into: out[0])
    }
}
