import Tensor

/// A small residual network (He et al., "basic" blocks) for 28×28 and 32×32 images:
///   stem: Conv2D(stages[0], 3×3, same) → BatchNormalization → ReLU
///   per stage s (width w), `blocksPerStage` blocks of
///     Residual(projection: true) { Conv2D(w, 3×3, stride) → BN → ReLU → Conv2D(w, 3×3) → BN } → ReLU
///   where the first block of every stage after the first has stride 2 (halving the image),
///   and a 1×1 strided shortcut bridges each change of width or size;
///   head: GlobalAveragePooling2D → Dense(classes, softmax).
/// Batch normalisation uses momentum 0.9 (PyTorch's 0.1) rather than Keras's 0.99, so the moving
/// statistics used at inference settle within tens of steps — small-data runs evaluate sensibly.
public enum ResNet {
    /// The layers of the network; put them in a `Sequential` (or use `model`).
    public static func layers(stages: [Int], blocksPerStage: Int, classes: Int) throws -> [Layer] {
        guard let stem = stages.first, stages.allSatisfy({ $0 > 0 }) else {
            throw LearnError.invalidArgument("ResNet: stages must list at least one positive width, such as [16, 32, "
                                             + "64]; found \(stages)")
        }
        guard blocksPerStage > 0, classes > 1 else {
            throw LearnError.invalidArgument("ResNet: blocksPerStage must be at least 1 and classes at least 2, "
                                             + "found \(blocksPerStage) and \(classes)")
        }
        func norm() -> Layer { BatchNormalization(momentum: 0.9) }
        var layers: [Layer] = [Conv2D(stem, kernelSize: 3, padding: .same), norm(), ActivationLayer(.relu)]
        for (stage, width) in stages.enumerated() {
            for block in 0..<blocksPerStage {
                let stride = stage > 0 && block == 0 ? 2 : 1
                layers.append(Residual([
                    Conv2D(width, kernelSize: 3, strides: stride, padding: .same), norm(), ActivationLayer(.relu),
                    Conv2D(width, kernelSize: 3, padding: .same), norm(),
                ], projection: true))
                layers.append(ActivationLayer(.relu))
            }
        }
        layers += [GlobalAveragePooling2D(), Dense(classes, activation: .softmax)]
        return layers
    }

    /// The network as a model, e.g. `ResNet.model(stages: [16, 32, 64], blocksPerStage: 2, classes: 10)`.
    public static func model(stages: [Int], blocksPerStage: Int, classes: Int) throws -> Sequential {
        Sequential(try layers(stages: stages, blocksPerStage: blocksPerStage, classes: classes))
    }
}
