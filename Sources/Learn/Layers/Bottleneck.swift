import Tensor

/// torchvision's ResNet bottleneck block (v1.5, the stride on the 3×3 convolution):
///   conv1 1×1 (planes) → bn1 → ReLU → conv2 3×3 stride s, padding 1 (planes) → bn2 → ReLU →
///   conv3 1×1 (4·planes) → bn3, plus the input — through downsample (1×1 conv stride s → BN) when
///   the stride or the width changes — then ReLU. Convolutions have no bias (the batch norms shift).
/// Inner layers are named as torchvision names them (conv1 … bn3; downsample_0 and _1 for its
/// downsample.0 and .1, as a dot separates layer and parameter in saved names). Batch norm uses
/// PyTorch's settings by default: epsilon 1e-5 and momentum 0.9 (PyTorch's 0.1).
/// Parameters: C·p + 9·p² + 4·p² + 2·(p + p + 4p), plus C·4p + 8p with the downsample path.
public final class Bottleneck: Layer {
    /// Torchvision's `expansion`: the block outputs 4·planes channels.
    public static let expansion = 4
    /// Width of the inner 1×1 and 3×3 convolutions, and the stride of the 3×3 one (and of the shortcut).
    public let planes: Int, stride: Int
    /// The batch norms' settings.
    public let momentum: Float, epsilon: Float
    /// The main path and the shortcut as built (the shortcut empty for an identity skip).
    public private(set) var main: [Layer] = [], downsample: [Layer] = []

    public init(planes: Int, stride: Int = 1, momentum: Float = 0.9, epsilon: Float = 1e-5) {
        self.planes = planes; self.stride = stride; self.momentum = momentum; self.epsilon = epsilon
    }

    public override class var spec: LayerSpec {
        LayerSpec("Bottleneck", doc: "torchvision's ResNet bottleneck block: 1×1, 3×3 (stride), 1×1 ×4 channels, "
                  + "plus the input", options: [
                      LayerOption("planes", .positiveInt, positional: true,
                                  doc: "inner width; the block outputs 4·planes channels"),
                      LayerOption("stride", .positiveInt, default: .int(1),
                                  doc: "stride of the 3×3 convolution and of the shortcut"),
                      LayerOption("momentum", .number(.any), default: .number(0.9),
                                  doc: "batch norm momentum (PyTorch's 0.1)"),
                      LayerOption("epsilon", .number(.any), default: .number(1e-5), doc: "batch norm epsilon"),
                  ]) { o in
            Bottleneck(planes: try o.int("planes"), stride: try o.int("stride"), momentum: try o.float("momentum"),
                       epsilon: try o.float("epsilon"))
        }
    }
    public override var options: LayerOptions {
        ["planes": .int(planes), "stride": .int(stride), "momentum": .float(momentum), "epsilon": .float(epsilon)]
    }
    /// Main path then shortcut, in torchvision's state_dict order; parameters are "conv1/kernel", ….
    public override var children: [Layer] { main + downsample }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard planes > 0, stride > 0 else {
            throw LearnError.invalidArgument("Bottleneck: planes and stride must be positive, "
                                             + "found \(planes) and \(stride)")
        }
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.shape("Bottleneck: input must be an image [height, width, channels], found \(inputShape)")
        }
        func norm() -> Layer { BatchNormalization(momentum: momentum, epsilon: epsilon) }
        let wide = planes * Bottleneck.expansion
        main = [Conv2D(planes, kernelSize: 1, useBias: false), norm(), ActivationLayer(.relu),
                Conv2D(planes, kernelSize: 3, strides: stride, padding: .explicit(rows: 1, columns: 1), useBias: false),
                norm(), ActivationLayer(.relu), Conv2D(wide, kernelSize: 1, useBias: false), norm()]
        let names = ["conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3"]
        downsample = stride != 1 || inputShape[2] != wide
            ? [Conv2D(wide, kernelSize: 1, strides: stride, useBias: false), norm()] : []
        var shape = inputShape
        for (layer, name) in zip(main, names) { shape = try place(layer, name, on: shape, rng: &rng) }
        var skip = inputShape
        for (i, layer) in downsample.enumerated() { skip = try place(layer, "downsample_\(i)", on: skip, rng: &rng) }
        guard skip == shape else {  // e.g. an odd size where the stride-s 1×1 and 3×3 convolutions disagree
            throw LearnError.shape("Bottleneck: the block maps \(inputShape) to \(shape) but its shortcut to \(skip)")
        }
        for layer in children { layer.trainable = trainable }
        return shape
    }

    private func place(_ layer: Layer, _ name: String, on input: [Int], rng: inout SeededGenerator) throws -> [Int] {
        layer.name = name
        layer.inputShape = input
        layer.outputShape = try layer.build(inputShape: input, rng: &rng)
        return layer.outputShape
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 2)
        var h = x, skip = x
        for layer in main { h = try layer.forward(h, context: context) }
        for layer in downsample { skip = try layer.forward(skip, context: context) }
        let sum = try Ops.add(h, skip, into: out[0], tape: context.tape)
        return Ops.activation(sum, .relu, into: out[1], tape: context.tape)
    }
}
