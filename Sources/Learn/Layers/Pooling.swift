import Tensor

/// Max pooling over NHWC inputs (stride defaults to the pool size, as in Keras).
public final class MaxPool2D: Layer {
    public let poolSize: (Int, Int), strides: (Int, Int), padding: Padding

    public init(_ poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        self.poolSize = (poolSize, poolSize); self.strides = (strides ?? poolSize, strides ?? poolSize); self.padding = padding
    }
    public override var typeName: String { "MaxPooling2D" }
    public override var baseName: String { "max_pooling2d" }
    public override var config: LayerConfig { poolConfig(typeName, poolSize, strides, padding) }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        try pooledShape(inputShape, poolSize, strides, padding, typeName)
    }
    /// Set by `Sequential` when the previous Conv2D already pooled (fused); then x passes through.
    var fusedIntoPrevious = false

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        if fusedIntoPrevious { return x }
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.maxPool2d(x, pool: poolSize, stride: strides, padding: padding, workspace: ws, into: out[0], tape: context.tape)
    }
}

/// Average pooling over NHWC inputs (padding taps are not counted, as in Keras).
public final class AvgPool2D: Layer {
    public let poolSize: (Int, Int), strides: (Int, Int), padding: Padding

    public init(_ poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        self.poolSize = (poolSize, poolSize); self.strides = (strides ?? poolSize, strides ?? poolSize); self.padding = padding
    }
    public override var typeName: String { "AveragePooling2D" }
    public override var baseName: String { "average_pooling2d" }
    public override var config: LayerConfig { poolConfig(typeName, poolSize, strides, padding) }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        try pooledShape(inputShape, poolSize, strides, padding, typeName)
    }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.avgPool2d(x, pool: poolSize, stride: strides, padding: padding, into: out[0], tape: context.tape)
    }
}

/// Mean over height and width: [H, W, C] -> [C].
public final class GlobalAveragePooling2D: Layer {
    public override init() {}
    public override var typeName: String { "GlobalAveragePooling2D" }
    public override var baseName: String { "global_average_pooling2d" }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 3 else { throw LearnError.shape("GlobalAveragePooling2D: expects [height, width, channels], found \(inputShape)") }
        return [inputShape[2]]
    }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.globalAvgPool2d(x, into: out[0], tape: context.tape)
    }
}

private func poolConfig(_ type: String, _ pool: (Int, Int), _ strides: (Int, Int), _ padding: Padding) -> LayerConfig {
    var c = LayerConfig(type: type)
    c.poolSize = [pool.0, pool.1]; c.strides = [strides.0, strides.1]; c.padding = padding.rawValue
    return c
}

private func pooledShape(_ input: [Int], _ pool: (Int, Int), _ strides: (Int, Int), _ padding: Padding, _ name: String) throws -> [Int] {
    guard input.count == 3 else { throw LearnError.shape("\(name): expects [height, width, channels], found \(input)") }
    let g = try WindowGeometry(batch: 1, height: input[0], width: input[1], channels: input[2], kernel: pool, stride: strides, padding: padding)
    return [g.outHeight, g.outWidth, input[2]]
}
