import Tensor

/// The `names:` argument of `loadWeights`, checked against the model and the file: a layer
/// ("dense_1", or "residual/conv2d" inside a block) mapped to a module of the file ("fc3",
/// "lstm[l1]"), whose tensors are then converted as automatic pairing would; or a parameter
/// ("dense_1.kernel") mapped to one tensor ("fc3.weight"), transposed if it is a PyTorch weight.
struct ExplicitWeightNames {
    private var layers: [String: SourceModule] = [:]
    private var parameters: [String: SafeTensorEntry] = [:]
    private let file: SafeTensorsFile

    init(_ names: [String: String], targets: [ImportTarget], modules: [SourceModule], file: SafeTensorsFile) throws {
        self.file = file
        let context = "\(file.fileName): names:"
        for (key, value) in names.sorted(by: { $0.key < $1.key }) {
            if targets.contains(where: { $0.path == key }) {
                guard let module = modules.first(where: { $0.name == value || $0.name == "\(value)[l0]" }) else {
                    let tensor = file[value] != nil ? " (\"\(value)\" is a tensor: map the layer to its module, "
                                                      + "or a parameter such as \"\(key).kernel\" to the tensor)" : ""
                    throw LearnError.file("\(context) maps \(key) to \"\(value)\", "
                                          + "but the file has no module of that name\(tensor); "
                                          + "its modules are \(abbreviatedList(modules.map(\.name)))")
                }
                layers[key] = module
            } else if targets.contains(where: { $0.parameters.contains { $0.key == key } }) {
                guard let entry = file[value], entry.isFloat else {
                    throw LearnError.file("\(context) maps \(key) to \"\(value)\", "
                                          + "but the file has no floating-point tensor of that name; "
                                          + "its tensors are "
                                          + "\(abbreviatedList(file.entries.filter(\.isFloat).map(\.label)))")
                }
                parameters[key] = entry
            } else {
                throw LearnError.file("\(context) \"\(key)\" is neither a layer with weights nor a parameter of this "
                                      + "model; its layers are \(abbreviatedList(targets.map(\.path))), "
                                      + "and parameters are named like "
                                      + "\"\(targets.first?.parameters.first?.key ?? "dense.kernel")\"")
            }
        }
    }

    /// The target's weights as `names:` says, or nil when it does not mention the target.
    func weights(for target: ImportTarget) throws -> ConvertedWeights? {
        let context = "\(file.fileName): names:"
        if let module = layers[target.path] {
            guard let weights = WeightConversion.convert(module, for: target, file: file) else {
                throw LearnError.file("\(context) maps \(target.path) to \(module.name), "
                                      + "but its tensors (\(module.label)) do not fit \(target.label)")
            }
            return weights
        }
        guard target.parameters.contains(where: { parameters[$0.key] != nil }) else { return nil }
        var weights = ConvertedWeights()
        for (key, parameter) in target.parameters {
            // Parameters left out may still be found under their Folio name.
            guard let entry = parameters[key] ?? file[key] else {
                throw LearnError.file("\(context) maps some of \(target.path)'s parameters but not \(key), "
                                      + "which the file does not have by that name either; "
                                      + "add \"\(key)\": \"<tensor>\", or map the whole layer: \"\(target.path)\": "
                                      + "\"<module>\"")
            }
            weights.values[parameter.name] = try convert(entry, to: parameter, key: key, in: target,
                                                         conversions: &weights.conversions)
            weights.sources.append(entry.name)
        }
        return weights
    }

    /// One tensor for one parameter: as it is (or regrouped), or transposed when it is a PyTorch
    /// weight ([out, in] matrix, [O, I, kh, kw] convolution).
    private func convert(_ entry: SafeTensorEntry, to parameter: Parameter, key: String, in target: ImportTarget,
                         conversions: inout [String]) throws -> Tensor {
        let shape = parameter.variable.value.shape, local = SourceModule.split(entry.name).local
        let widened = "\(entry.dtype) → F32"
        if entry.dtype != "F32", !conversions.contains(widened) { conversions.append(widened) }
        if target.layer is RecurrentLayer, ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].contains(local) {
            throw LearnError.file("\(file.fileName): names: \(key) → \(entry.name): "
                                  + "a PyTorch recurrent layer's gates and biases need converting together; "
                                  + "map the layer to the module instead, "
                                  + "e.g. \"\(target.path)\": \"\(SourceModule.split(entry.name).prefix)\"")
        }
        let pytorchWeight = local.hasSuffix("weight")
        if pytorchWeight, entry.shape.count == 2, Array(entry.shape.reversed()) == shape {
            conversions.append("\(parameter.name): transposed")
            var k = Layout.transposed(file.floats(entry))
            if parameter.name == "kernel", let image = target.flattenedImage, image[2] > 1, image[0] * image[1] > 1 {
                k = Layout.flattenRowsToHWC(k, image: image)
                conversions.append("rows put in Flatten's (H, W, C) order from PyTorch's (C, H, W)")
            }
            return k
        }
        if pytorchWeight, entry.shape.count == 4,
           Layout.regroups(Layout.convKernelShape(fromPyTorch: entry.shape), to: shape),
           let kernel = try? Layout.convKernel(fromPyTorch: file.floats(entry)).reshaped(shape) {
            conversions.append("\(parameter.name): [O, I, kh, kw] → [kh, kw, I, O]")
            return kernel
        }
        guard Layout.regroups(entry.shape, to: shape), let value = try? file.floats(entry).reshaped(shape) else {
            throw LearnError.file("\(file.fileName): names: maps \(key) \(shape) to \(entry.label), "
                                  + "which fits neither as it is nor transposed")
        }
        return value
    }
}

/// Up to eight items, then "… and N more".
func abbreviatedList(_ items: [String]) -> String {
    guard !items.isEmpty else { return "(none)" }
    return items.prefix(8).joined(separator: ", ") + (items.count > 8 ? " … and \(items.count - 8) more" : "")
}
