import Tensor

/// A square grid of points over part of the input plane, for drawing what a 2-D-input model
/// does everywhere: its decision regions and each hidden unit's activation.
/// Points run row by row from the top (largest y) to the bottom, left to right within a row,
/// so a map over the grid reads as an image.
public struct PlaneGrid: Equatable, Sendable {
    /// Horizontal extent.
    public let xRange: ClosedRange<Float>
    /// Vertical extent.
    public let yRange: ClosedRange<Float>
    /// Points per side.
    public let resolution: Int

    /// A grid over the given extents.
    public init(x: ClosedRange<Float>, y: ClosedRange<Float>, resolution: Int = 100) throws {
        guard resolution >= 2 else {
            throw LearnError.invalidArgument("PlaneGrid: resolution must be at least 2, found \(resolution)")
        }
        guard x.upperBound > x.lowerBound, y.upperBound > y.lowerBound,
              [x.lowerBound, x.upperBound, y.lowerBound, y.upperBound].allSatisfy(\.isFinite) else {
            throw LearnError.invalidArgument("PlaneGrid: the ranges must be finite and non-empty, found x \(x), y \(y)")
        }
        xRange = x; yRange = y; self.resolution = resolution
    }

    /// A grid covering `points` (x, y pairs) with a `margin` (a fraction of the span) on every side.
    public init(covering points: [Float], resolution: Int = 100, margin: Float = 0.1) throws {
        guard points.count >= 2, points.count % 2 == 0 else {
            throw LearnError.invalidArgument("PlaneGrid: expected (x, y) pairs, found \(points.count) values")
        }
        let xs = stride(from: 0, to: points.count, by: 2).map { points[$0] }
        let ys = stride(from: 1, to: points.count, by: 2).map { points[$0] }
        func padded(_ v: [Float]) -> ClosedRange<Float> {
            let low = v.min() ?? -1, high = v.max() ?? 1
            let pad = max(high - low, 1e-3) * margin
            return (low - pad)...(high + pad)
        }
        try self.init(x: padded(xs), y: padded(ys), resolution: resolution)
    }

    /// Coordinates of point (row, column).
    public func point(row: Int, column: Int) -> (x: Float, y: Float) {
        let t = Float(column) / Float(resolution - 1), u = Float(row) / Float(resolution - 1)
        return (xRange.lowerBound + t * (xRange.upperBound - xRange.lowerBound),
                yRange.upperBound - u * (yRange.upperBound - yRange.lowerBound))
    }

    /// The grid's points as model inputs — [resolution², 2].
    public var inputs: Tensor {
        var t = Tensor(zeros: [resolution * resolution, 2])
        let p = t.mutablePointer
        for row in 0..<resolution {
            for column in 0..<resolution {
                let (x, y) = point(row: row, column: column), i = row * resolution + column
                p[2 * i] = x; p[2 * i + 1] = y
            }
        }
        return t
    }

    /// Pixel (row, column) nearest to the plane point (x, y), or nil outside the grid.
    public func pixel(x: Float, y: Float) -> (row: Int, column: Int)? {
        let t = (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
        let u = (yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound)
        guard (0...1).contains(t), (0...1).contains(u) else { return nil }
        return (Int((u * Float(resolution - 1)).rounded()), Int((t * Float(resolution - 1)).rounded()))
    }
}

extension Sequential {
    /// Outputs of layer `layer` (0-based, layers.count − 1 is the model's output) in inference
    /// mode — inputs: [N] + inputShape -> [N] + layers[layer].outputShape.
    public func activations(_ inputs: Tensor, throughLayer layer: Int, batchSize: Int = 1024) throws -> Tensor {
        guard let shape = inputShape else {
            throw LearnError.invalidArgument("activations: the model is not built; call fit or load first")
        }
        guard layers.indices.contains(layer) else {
            throw LearnError.invalidArgument("activations: layer \(layer) does not exist; "
                                             + "the model has layers 0...\(layers.count - 1)")
        }
        let batch = try AnalysisShapes.batch(inputs, sampleShape: shape, caller: "activations")
        // A Conv2D fused with its pooling layer would hand back the pooled output: unfuse meanwhile.
        let fused = fusesConvolutionAndPooling
        if fused && layers[layer] is Conv2D { fusesConvolutionAndPooling = false }
        defer { if fused != fusesConvolutionAndPooling { fusesConvolutionAndPooling = fused } }
        return try inferInBatches(batch, sampleShape: shape, outputShape: layers[layer].outputShape,
                                  batchSize: batchSize) { x, context in
            var h = x
            for l in layers[...layer] { h = try l.forward(h, context: context) }
            return h
        }
    }

    /// The predicted class and its probability at every point of `grid` (row-major, top row first).
    public func decisionRegions(over grid: PlaneGrid) throws -> (classes: [Int], confidence: [Float]) {
        try requirePlaneInput("decisionRegions")
        let probabilities = try classProbabilities(grid.inputs, batchSize: 1024)
        let n = grid.resolution * grid.resolution, k = probabilities.count / n
        var classes: [Int] = [], confidence: [Float] = []
        for i in 0..<n {
            let c = AnalysisShapes.argmax(probabilities.pointer + i * k, count: k)
            classes.append(c); confidence.append(probabilities[flat: i * k + c])
        }
        return (classes, confidence)
    }

    /// Each unit's activation of layer `layer` over `grid`: one map per unit (resolution² values,
    /// top row first). The layer's output must be flat (a Dense layer's units).
    public func hiddenUnitMaps(over grid: PlaneGrid, layer: Int) throws -> [[Float]] {
        try requirePlaneInput("hiddenUnitMaps")
        let out = try activations(grid.inputs, throughLayer: layer)
        let n = grid.resolution * grid.resolution, units = out.count / n
        guard out.rank == 2 else {
            throw LearnError.shape("hiddenUnitMaps: layer \(layer) (\(layers[layer].typeName)) outputs "
                                   + "\(Array(out.shape.dropFirst())) per point; pick a Dense layer")
        }
        return (0..<units).map { u in (0..<n).map { out[flat: $0 * units + u] } }
    }

    private func requirePlaneInput(_ caller: String) throws {
        guard let shape = inputShape else {
            throw LearnError.invalidArgument("\(caller): the model is not built; call fit or load first")
        }
        guard shape == [2] else {
            throw LearnError.shape("\(caller): works on models with 2 inputs (points in the plane), "
                                   + "but this model takes \(shape)")
        }
    }
}
