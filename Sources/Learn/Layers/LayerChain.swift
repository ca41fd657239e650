import RunLimits
import Tensor

/// Names layers Keras-style ("dense", "dense_1", …) and builds them one after another, starting
/// from `shape`; returns the last layer's output shape. `used` counts the names already taken, so
/// a head added to kept layers continues their numbering. Shared by `Sequential` and `Residual`.
func buildChain(_ layers: [Layer], from shape: [Int], used: inout [String: Int],
                rng: inout SeededGenerator) throws -> [Int] {
    var shape = shape
    for layer in layers {
        let k = used[layer.baseName, default: 0]
        used[layer.baseName] = k + 1
        layer.name = k == 0 ? layer.baseName : "\(layer.baseName)_\(k)"
        layer.inputShape = shape
        do { shape = try layer.build(inputShape: shape, rng: &rng) }
        catch let e as LearnError { throw LearnError.shape("layer \(layer.name): \(e.description)") }
        catch let e as TensorError { throw LearnError.shape("layer \(layer.name): \(e.description)") }
        try checkSampleSize(shape, "the output of layer \(layer.name) (\(layer.typeName))")
        layer.outputShape = shape
    }
    return shape
}

/// Throws unless one sample of `shape` (an input or a layer's output) can be held: its element
/// count must not overflow, and its floats must fit the memory budget. Layers after it then
/// compute with shapes whose products are known to fit in `Int`.
func checkSampleSize(_ shape: [Int], _ what: @autoclosure () -> String) throws {
    let description = "\(what()), shape \(shape) per sample"
    try RunBudget.shared.reserve(try ShapeSize.floatBytes(ShapeSize.elements(shape), of: description), for: description)
}
