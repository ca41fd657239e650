/// Weights as plain numbers, for coursework that sets a small network by hand (a 2-4-1 perceptron
/// with step units) or reads what training found. Dense's kernel is [inputs][units] as Keras's;
/// Conv2D's [kh, kw, inputs, filters] reads as rows of kh·kw·inputs, one column per filter.
public struct LayerWeights {
    /// kernel[row][unit]: row is the input (Dense) or the flattened (y, x, channel) window position.
    public let kernel: [[Double]]
    /// One per unit; empty when the layer has no bias.
    public let bias: [Double]
}

extension Layer {
    /// The kernel and bias as numbers, or an error naming what the layer holds instead.
    public func numericWeights() throws -> LayerWeights {
        let (kernel, bias) = try kernelAndBias(caller: "weights")
        return LayerWeights(kernel: kernel.numberRows, bias: bias?.value.scalars.map(Double.init) ?? [])
    }

    /// Replaces the kernel (rows × units, as `numericWeights` shows it) and the bias, if given.
    func setNumericWeights(kernel rows: [[Double]], bias: [Double]?) throws {
        let (kernel, current) = try kernelAndBias(caller: "setWeights")
        let (count, units) = kernel.rowShape
        let wanted = "\(name) (\(typeName)) takes a kernel of \(count) rows × \(units) columns ([inputs][units]) "
            + "and a bias of \(units)"
        guard rows.count == count, rows.allSatisfy({ $0.count == units }) else {
            throw LearnError.shape("setWeights: \(wanted); got \(rows.count) rows × \(Variable.widths(of: rows)) "
                                   + "columns")
        }
        if let bias {
            guard let current else {
                throw LearnError.shape("setWeights: \(name) has no bias (useBias: false); leave out bias:")
            }
            guard bias.count == units else {
                throw LearnError.shape("setWeights: \(wanted); got a bias of \(bias.count)")
            }
            current.write(rows: [bias])
        }
        kernel.write(rows: rows)
    }

    /// The kernel and bias of a built Dense or Conv2D layer (variables: written in place).
    private func kernelAndBias(caller: String) throws -> (Variable, Variable?) {
        let parameters = self.parameters
        guard self is Dense || self is Conv2D, let kernel = parameters.first(where: { $0.name == "kernel" }) else {
            let names = parameters.map(\.name)
            throw LearnError.invalidArgument("\(caller): \(name.isEmpty ? typeName : name) (\(typeName)) has no "
                                             + "kernel and bias to read as numbers"
                                             + (names.isEmpty ? "" : "; it holds \(names.joined(separator: ", "))")
                                             + "; only Dense and Conv2D layers have them (SimpleRNN, LSTM and "
                                             + "GRU have kernel, recurrentKernel and bias)")
        }
        try checkBuiltForWeights(caller, sampleShape: "[2]")
        return (kernel.variable, parameters.first { $0.name == "bias" }?.variable)
    }
}

extension Sequential {
    /// Replaces the kernel and bias of layer `index`; the model then counts as trained, so a
    /// seeded `fit` does not re-initialise what was set by hand.
    public func setWeights(layer index: Int, kernel: [[Double]], bias: [Double]?) throws {
        let layer = try handSetLayer(index)
        if layer is RecurrentLayer {
            try setRecurrentWeights(layer: index, kernel: kernel, recurrentKernel: nil, bias: bias.map { [$0] })
            return
        }
        try layer.setNumericWeights(kernel: kernel, bias: bias)
        hasLearned = true
    }

    /// Layer `index` of a built model, for reading or setting its weights by hand.
    func handSetLayer(_ index: Int) throws -> Layer {
        guard inputShape != nil else {
            throw LearnError.invalidArgument("setWeights: the model is not built yet, so its layers have no weights; "
                                             + "call model.build(input: [2]) (the sample shape) first")
        }
        guard layers.indices.contains(index) else {
            throw LearnError.invalidArgument("setWeights: layer \(index) does not exist; the model has layers "
                                             + "0...\(layers.count - 1)")
        }
        return layers[index]
    }
}
