import CellOutput
import Learn
import Script

/// Networks looked at and set by hand, as coursework does with small perceptrons:
/// `model.build(input: [2])`, `model.layers[0].weights.kernel`, `model.setWeights(layer: 0, kernel:, bias:)`
/// (with `recurrentKernel:` for a SimpleRNN, LSTM or GRU) and `model.activations(points, layer: 0)`,
/// a table of what each unit computes for each sample (see `UnitTables`).
enum HandSetBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        let weights = HostType("LayerWeights"), recurrent = HostType("RecurrentWeights")
        interpreter.register(weights)
        interpreter.register(recurrent)
        weights.description { (box: WeightsBox) in
            "LayerWeights(kernel: \(box.weights.kernel), bias: \(box.weights.bias))"
        }
        weights.property("kernel") { (box: WeightsBox) in .array(box.weights.kernel.map(Value.doubles)) }
        weights.property("bias") { (box: WeightsBox) in .doubles(box.weights.bias) }
        recurrent.description { (box: RecurrentWeightsBox) in
            let w = box.weights
            return "RecurrentWeights(gates: \(w.gates), kernel: \(w.kernel), recurrentKernel: \(w.recurrentKernel), "
                + "bias: \(w.bias.count == 1 ? "\(w.bias[0])" : "\(w.bias)"))"
        }
        recurrent.property("kernel") { (box: RecurrentWeightsBox) in .array(box.weights.kernel.map(Value.doubles)) }
        recurrent.property("recurrentKernel") { (box: RecurrentWeightsBox) in
            .array(box.weights.recurrentKernel.map(Value.doubles))
        }
        recurrent.property("bias") { (box: RecurrentWeightsBox) in
            let rows = box.weights.bias
            return rows.count == 1 ? .doubles(rows[0]) : .array(rows.map(Value.doubles))
        }
        recurrent.property("gates") { (box: RecurrentWeightsBox) in .strings(box.weights.gates) }
        types.layer.property("weights") { (layer: Layer) in
            guard let cell = layer as? RecurrentLayer else {
                return .object(WeightsBox(try layer.numericWeights()), type: weights)
            }
            return .object(RecurrentWeightsBox(try cell.recurrentWeights()), type: recurrent)
        }
        types.model.method("build", [.labeled("input", .array(.int)),
                                     .labeled("seed", .optional(.int), default: .nil)]) { (model: Sequential, args) in
            let seed = args["seed"].intValue.map { UInt64(bitPattern: Int64($0)) } ?? session.nextSeed()
            try model.build(input: args.array("input").compactMap(\.intValue), seed: seed)
            return .void
        }
        types.model.method("setWeights", [.labeled("layer", .int), .labeled("kernel", .array(.array(.double))),
                                          .labeled("recurrentKernel", .optional(.array(.array(.double))),
                                                   default: .nil),
                                          .labeled("bias", .optional(.array(.any)), default: .nil)]) {
            (model: Sequential, args) in
            try setWeights(model, args)
            return .void
        }
        UnitTables.install(interpreter, types: types)
    }

    /// Dense and Conv2D take a kernel and a bias row; recurrent layers also a recurrent kernel, and
    /// a GRU's bias is two rows.
    private static func setWeights(_ model: Sequential, _ args: Arguments) throws {
        let kernel = matrix(args["kernel"]) ?? []
        let recurrentKernel = matrix(args["recurrentKernel"])
        var bias: [[Double]]?
        if let items = args["bias"].arrayValue {
            if items.allSatisfy({ $0.doubleValue != nil }) {
                bias = [items.compactMap(\.doubleValue)]
            } else if let rows = matrix(args["bias"]) {
                bias = rows
            } else {
                throw HostError("setWeights: bias must be numbers ([Double]), or two rows of numbers for a GRU")
            }
        }
        let layer = args.int("layer")
        if recurrentKernel != nil || model.layers.indices.contains(layer) && model.layers[layer] is RecurrentLayer {
            try model.setRecurrentWeights(layer: layer, kernel: kernel, recurrentKernel: recurrentKernel, bias: bias)
        } else {
            guard (bias?.count ?? 1) == 1 else {
                throw HostError("setWeights: layer \(layer) takes a bias of one row of numbers, not "
                                + "\(bias!.count) rows")
            }
            try model.setWeights(layer: layer, kernel: kernel, bias: bias?.first)
        }
    }

    /// Rows of numbers, or nil when the value is not an array of arrays of numbers.
    private static func matrix(_ value: Value) -> [[Double]]? {
        guard let rows = value.arrayValue else { return nil }
        let out = rows.compactMap { row -> [Double]? in
            guard let items = row.arrayValue, items.allSatisfy({ $0.doubleValue != nil }) else { return nil }
            return items.compactMap(\.doubleValue)
        }
        return out.count == rows.count ? out : nil
    }
}

/// A layer's kernel and bias as numbers.
final class WeightsBox {
    let weights: LayerWeights
    init(_ weights: LayerWeights) { self.weights = weights }
}

/// A recurrent layer's kernel, recurrent kernel and bias as numbers.
final class RecurrentWeightsBox {
    let weights: RecurrentWeights
    init(_ weights: RecurrentWeights) { self.weights = weights }
}
