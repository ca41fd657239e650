import Tensor
@testable import Learn

/// Builds `model` for `input` and overwrites its weights with `values` (by layer, then parameter).
func handBuilt(_ model: Sequential, input: [Int], weights: [[[Float]]]) throws -> Sequential {
    try model.build(input: input, seed: 1)
    for (layer, values) in zip(model.layers, weights) {
        for (parameter, scalars) in zip(layer.parameters, values) {
            parameter.variable.value = try Tensor(shape: parameter.variable.shape, scalars: scalars)
        }
    }
    return model
}

/// The model's logits (pre-softmax outputs) for a batch, in inference mode.
func logits(_ model: Sequential, _ x: Tensor) throws -> Tensor {
    let context = ForwardContext(tape: nil, training: false, rng: SeededGenerator(seed: 0))
    context.wantLogits = true
    return try model.forward(Variable(x, requiresGrad: false), context: context).value.copy()
}

/// A random tensor with a fixed seed.
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    return Tensor.normal(shape: shape, std: scale, using: &rng)
}
