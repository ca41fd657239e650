/// A SimpleRNN's, LSTM's or GRU's weights as plain numbers, in Keras's layout, which is how Folio
/// stores them (Keras-layout files load unchanged; PyTorch's are converted on import): the columns
/// are `gates` blocks of `units`, in Keras's gate order (LSTM i, f, c, o; GRU z, r, h).
public struct RecurrentWeights {
    /// kernel[input][gate·units + unit]: what each input feature adds to each gate.
    public let kernel: [[Double]]
    /// recurrentKernel[unit][gate·units + unit]: what the previous hidden state adds.
    public let recurrentKernel: [[Double]]
    /// One row of gates·units; two for a GRU (the input bias, then the recurrent bias that Keras's
    /// `reset_after` cell keeps inside r ⊙ (…)).
    public let bias: [[Double]]
    /// The gate blocks, in column order.
    public let gates: [String]
}

extension RecurrentLayer {
    /// The kernel, recurrent kernel and bias as numbers.
    public func recurrentWeights() throws -> RecurrentWeights {
        try checkBuiltForWeights("weights", sampleShape: "[steps, features]")
        return RecurrentWeights(kernel: kernel.numberRows, recurrentKernel: recurrentKernel.numberRows,
                                bias: bias.numberRows, gates: gateNames)
    }

    /// Replaces each part that is given; all are checked before any is written.
    func setRecurrentWeights(kernel k: [[Double]]?, recurrentKernel r: [[Double]]?, bias b: [[Double]]?) throws {
        try checkBuiltForWeights("setWeights", sampleShape: "[steps, features]")
        let parts = [("kernel", k, kernel), ("recurrentKernel", r, recurrentKernel), ("bias", b, bias)]
        for (part, rows, variable) in parts {
            guard let rows else { continue }
            let shape = variable.rowShape
            guard rows.count == shape.rows, rows.allSatisfy({ $0.count == shape.columns }) else {
                throw LearnError.shape("setWeights: \(expectedShapes); got a \(part) of \(rows.count) "
                                       + "row\(rows.count == 1 ? "" : "s") × \(Variable.widths(of: rows)) columns")
            }
        }
        for (_, rows, variable) in parts {
            if let rows { variable.write(rows: rows) }
        }
    }

    /// "lstm (LSTM, gates i, f, c, o) takes a kernel of 3 rows × 16 columns ([inputs][gates·units]), …".
    var expectedShapes: String {
        func shown(_ v: Variable) -> String {
            let s = v.rowShape
            return "\(s.rows) row\(s.rows == 1 ? "" : "s") × \(s.columns) columns"
        }
        let width = gateNames.count * units
        return "\(name.isEmpty ? typeName : name) (\(typeName), gates \(gateNames.joined(separator: ", ")) of "
            + "\(units) units) takes a kernel of \(shown(kernel)) ([inputs][\(width)]), a recurrentKernel of "
            + "\(shown(recurrentKernel)) ([units][\(width)]) and a bias of \(shown(bias))"
    }
}

extension Sequential {
    /// Replaces the given parts of recurrent layer `index`'s weights (nil keeps a part); the model
    /// then counts as trained. Shapes are Keras's (see `RecurrentWeights`).
    public func setRecurrentWeights(layer index: Int, kernel: [[Double]]?, recurrentKernel: [[Double]]?,
                                    bias: [[Double]]?) throws {
        let layer = try handSetLayer(index)
        guard let recurrent = layer as? RecurrentLayer else {
            throw LearnError.invalidArgument("setWeights: layer \(index) (\(layer.typeName)) is not a SimpleRNN, LSTM "
                                             + "or GRU, so it has no recurrentKernel; leave out recurrentKernel:")
        }
        try recurrent.setRecurrentWeights(kernel: kernel, recurrentKernel: recurrentKernel, bias: bias)
        hasLearned = true
    }
}
