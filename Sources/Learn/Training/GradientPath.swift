/// A step activation's derivative is zero, so no gradient passes back through it. A model whose
/// every trainable layer sits at or before a step would "train" for hours with its weights
/// never moving; `fit` refuses it up front instead, and says what to use.
extension Sequential {
    /// The activation a top-level layer applies last (nil for layers without one).
    private func activation(of layer: Layer) -> ActivationFunction? {
        switch layer {
        case let d as Dense: return d.activation
        case let c as Conv2D: return c.activation
        case let a as ActivationLayer: return a.function
        default: return nil
        }
    }

    /// Throws unless some trainable weight lies after the last layer with a step activation.
    func checkGradientPath() throws {
        guard let blocker = layers.lastIndex(where: { activation(of: $0) == .step }) else { return }
        let reachable = layers[(blocker + 1)...].contains { layer in
            layer.trainable && layer.parameters.contains { $0.trainable }
        }
        guard !reachable else { return }
        let layer = layers[blocker]
        throw LearnError.invalidArgument(
            "fit: no gradient can reach a trainable layer: layer \(blocker) (\(layer.name), \(layer.typeName)) "
            + "uses the step activation, whose gradient is zero, and no trainable weights come after it; "
            + "train with .sigmoid (or .relu, .tanh) in its place, and keep .step for networks whose weights "
            + "you set by hand with model.setWeights(layer:kernel:bias:)")
    }
}
