import Tensor

/// What max and average pooling share: the window, the stride (the window's size unless given,
/// as in Keras), the padding, their saved options and the output shape.
public class WindowPooling2D: Layer {
    public let poolSize: (Int, Int), strides: (Int, Int), padding: Padding

    public init(poolSize: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize; self.strides = strides ?? poolSize; self.padding = padding
    }
    /// Square windows, e.g. `MaxPool2D(2)`.
    public convenience init(_ poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        self.init(poolSize: (poolSize, poolSize), strides: strides.map { ($0, $0) }, padding: padding)
    }
    public override var options: LayerOptions { poolingOptions(poolSize, strides, padding) }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        try pooledShape(inputShape, poolSize, strides, padding, typeName)
    }
}

/// Max pooling over NHWC inputs.
public final class MaxPool2D: WindowPooling2D {
    public override class var spec: LayerSpec {
        poolingSpec("MaxPooling2D", cellName: "MaxPool2D", baseName: "max_pooling2d",
                    doc: "the largest value of each window", make: MaxPool2D.init(poolSize:strides:padding:))
    }
    /// Set by `Sequential` when the previous Conv2D already pooled (fused); then x passes through.
    var fusedIntoPrevious = false

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        if fusedIntoPrevious { return x }
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.maxPool2d(x, pool: poolSize, stride: strides, padding: padding, workspace: ws, into: out[0],
                                 tape: context.tape)
    }
}

/// Average pooling over NHWC inputs (padding taps are not counted, as in Keras).
public final class AvgPool2D: WindowPooling2D {
    public override class var spec: LayerSpec {
        poolingSpec("AveragePooling2D", cellName: "AvgPool2D", baseName: "average_pooling2d",
                    doc: "the mean of each window", make: AvgPool2D.init(poolSize:strides:padding:))
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
    public override class var spec: LayerSpec {
        LayerSpec("GlobalAveragePooling2D", baseName: "global_average_pooling2d",
                  doc: "the mean over height and width of each channel: [H, W, C] → [C]") { _ in
            GlobalAveragePooling2D()
        }
    }
    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw LearnError.shape("GlobalAveragePooling2D: expects [height, width, channels], found \(inputShape)")
        }
        return [inputShape[2]]
    }
    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, _) = cache(batch: x.shape[0], outputs: 1)
        return try Ops.globalAvgPool2d(x, into: out[0], tape: context.tape)
    }
}

/// The spec MaxPool2D and AvgPool2D share: pool size, stride (the pool size when unset), padding.
private func poolingSpec(_ typeName: String, cellName: String, baseName: String, doc: String,
                         make: @escaping ((Int, Int), (Int, Int)?, Padding) -> Layer) -> LayerSpec {
    LayerSpec(typeName, cellName: cellName, baseName: baseName, doc: doc, options: [
        LayerOption("poolSize", .windowSize, cell: "size", positional: true, default: .ints([2, 2]),
                    doc: "window side"),
        LayerOption("strides", .windowSize, cell: "stride", optional: true,
                    doc: "step between windows (nil: the window side)"),
        .padding,
    ]) { o in
        make(try o.pair("poolSize"), try o.optional("strides", LayerOptions.pair), try o.padding("padding"))
    }
}

private func poolingOptions(_ pool: (Int, Int), _ strides: (Int, Int), _ padding: Padding) -> LayerOptions {
    ["poolSize": .pair(pool), "strides": .pair(strides), "padding": .padding(padding)]
}

private func pooledShape(_ input: [Int], _ pool: (Int, Int), _ strides: (Int, Int), _ padding: Padding,
                         _ name: String) throws -> [Int] {
    guard input.count == 3 else { throw LearnError.shape("\(name): expects [height, width, channels], found \(input)") }
    let g = try WindowGeometry(batch: 1, height: input[0], width: input[1], channels: input[2], kernel: pool,
                               stride: strides, padding: padding)
    return [g.outHeight, g.outWidth, input[2]]
}
