import Tensor

/// A layer that holds weights, as weight import sees it: the innermost layers of `Residual`,
/// `TransformerEncoder` and `Bidirectional` count one by one, since files from other frameworks
/// list them as separate modules.
struct ImportTarget {
    let layer: Layer
    /// "dense_1", or for an inner layer the path "residual/conv2d": what error messages and the
    /// `names:` mapping call the layer.
    let path: String
    /// The layer's parameters with the names `save(to:)` writes ("dense_1.kernel", "residual.conv2d/kernel").
    let parameters: [(key: String, parameter: Parameter)]
    /// The image shape [H, W, C] that a Flatten before this Dense turned into its input, if any:
    /// PyTorch flattens (C, H, W), Folio (H, W, C), so a PyTorch kernel's rows need reordering.
    let flattenedImage: [Int]?

    /// The parameter called `name` inside the layer ("kernel", "bias", "query/kernel").
    func shape(_ name: String) -> [Int] {
        parameters.first { $0.parameter.name == name }?.parameter.variable.value.shape ?? []
    }

    /// "dense_1 (Dense 128→10: kernel [128, 10], bias [10])", for messages.
    var label: String {
        let shapes = parameters.map { "\($0.parameter.name) \($0.parameter.variable.value.shape)" }
            .joined(separator: ", ")
        return "\(path) (\(layer.importDescription): \(shapes))"
    }
}

extension Sequential {
    /// Every layer with weights, innermost layers separately, in the order the model runs them.
    func importTargets() -> [ImportTarget] {
        var targets: [ImportTarget] = []
        for (index, layer) in layers.enumerated() {
            // Full save names of the top layer's parameters, found again for each inner layer by identity.
            let keys = Dictionary(layer.parameters.map { (ObjectIdentifier($0.variable), "\(layer.name).\($0.name)") },
                                  uniquingKeysWith: { a, _ in a })
            collect(layer, path: layer.name, siblings: layers, index: index, keys: keys, into: &targets)
        }
        return targets
    }

    private func collect(_ layer: Layer, path: String, siblings: [Layer], index: Int, keys: [ObjectIdentifier: String],
                         into targets: inout [ImportTarget]) {
        let inner = layer.children
        guard inner.isEmpty else {
            for (i, child) in inner.enumerated() {
                collect(child, path: "\(path)/\(child.name)", siblings: inner, index: i, keys: keys, into: &targets)
            }
            return
        }
        let own = layer.parameters.compactMap { p in keys[ObjectIdentifier(p.variable)].map { ($0, p) } }
        guard !own.isEmpty else { return }
        targets.append(ImportTarget(layer: layer, path: path, parameters: own,
                                    flattenedImage: layer is Dense ? flattenedImage(before: index, in: siblings) : nil))
    }

    /// The [H, W, C] input of a Flatten (or a Reshape to one axis) feeding `siblings[index]`,
    /// looking back past layers that change nothing but values (Dropout, Activation).
    private func flattenedImage(before index: Int, in siblings: [Layer]) -> [Int]? {
        for previous in siblings[..<index].reversed() {
            if previous is Flatten || (previous is Reshape && previous.outputShape.count == 1) {
                return previous.inputShape.count == 3 ? previous.inputShape : nil
            }
            guard previous.parameters.isEmpty, previous.inputShape == previous.outputShape else { return nil }
        }
        return nil
    }
}

extension Layer {
    /// What the layer computes, briefly: "Dense 128→10", "Conv2D 3×3 1→8", "LSTM 28→64".
    var importDescription: String {
        let features = inputShape.last ?? 0
        switch self {
        case let d as Dense: return "Dense \(features)→\(d.units)"
        case let c as Conv2D: return "Conv2D \(c.kernelSize.0)×\(c.kernelSize.1) \(features)→\(c.filters)"
        case let r as RecurrentLayer: return "\(typeName) \(r.features)→\(r.units)"
        case let m as MultiHeadAttention: return "MultiHeadAttention \(m.heads) heads × \(m.keyDim) on \(features)"
        case let p as PatchEmbedding: return "PatchEmbedding \(p.patch)×\(p.patch) \(features)→\(p.dim)"
        default: return "\(typeName) \(outputShape)"
        }
    }
}
