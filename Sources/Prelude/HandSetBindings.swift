import CellOutput
import Learn
import Script

/// Networks looked at and set by hand, as coursework does with small perceptrons:
/// `model.build(input: [2])`, `model.layers[0].weights.kernel`, `model.setWeights(layer: 0, kernel:, bias:)`
/// and `model.activations(points, layer: 0)`, a table of what each unit computes for each sample.
enum HandSetBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        let weights = HostType("LayerWeights"), activations = HostType("Activations")
        interpreter.register(weights)
        interpreter.register(activations)
        weights.description { (box: WeightsBox) in
            "LayerWeights(kernel: \(box.weights.kernel), bias: \(box.weights.bias))"
        }
        weights.property("kernel") { (box: WeightsBox) in .array(box.weights.kernel.map(Value.doubles)) }
        weights.property("bias") { (box: WeightsBox) in .doubles(box.weights.bias) }
        types.layer.property("weights") { (layer: Layer) in
            .object(WeightsBox(try layer.numericWeights()), type: weights)
        }
        types.model.method("build", [.labeled("input", .array(.int)),
                                     .labeled("seed", .optional(.int), default: .nil)]) { (model: Sequential, args) in
            let seed = args["seed"].intValue.map { UInt64(bitPattern: Int64($0)) } ?? session.nextSeed()
            try model.build(input: args.array("input").compactMap(\.intValue), seed: seed)
            return .void
        }
        types.model.method("setWeights", [.labeled("layer", .int), .labeled("kernel", .array(.array(.double))),
                                          .labeled("bias", .optional(.array(.double)), default: .nil)]) {
            (model: Sequential, args) in
            let kernel = args.array("kernel").map { $0.arrayValue?.compactMap(\.doubleValue) ?? [] }
            try model.setWeights(layer: args.int("layer"), kernel: kernel,
                                 bias: args["bias"].arrayValue?.compactMap(\.doubleValue))
            return .void
        }
        activations.description { (box: ActivationsBox) in box.table.plainText }
        activations.property("values") { (box: ActivationsBox) in .array(box.values.map(Value.doubles)) }
        activations.property("header") { (box: ActivationsBox) in .strings(box.header) }
        activations.property("count") { (box: ActivationsBox) in .int(box.values.count) }
        types.model.method("activations", [.positional("data", .any), .labeled("layer", .int)]) {
            (model: Sequential, args) in
            let source = try PlotSource(args["data"])
            let batch = try SampleBatch(source.data, Array(0..<source.data.count))
            let layer = args.int("layer")
            let out = try model.activations(batch.inputs, throughLayer: layer)
            let n = batch.labels.count, units = out.count / max(n, 1)
            let values = (0..<n).map { i in (0..<units).map { Double(out[flat: i * units + $0]) } }
            let title = "Activations of layer \(layer) (\(model.layers[layer].name), \(model.layers[layer].typeName))"
            return .object(ActivationsBox(values: values, title: title), type: activations)
        }
    }
}

/// A layer's kernel and bias as numbers.
final class WeightsBox {
    let weights: LayerWeights
    init(_ weights: LayerWeights) { self.weights = weights }
}

/// One row per sample, one column per unit (H1…Hn, as coursework names hidden units).
final class ActivationsBox: Displayable {
    let values: [[Double]]
    let title: String

    init(values: [[Double]], title: String) { self.values = values; self.title = title }

    var header: [String] { (0..<(values.first?.count ?? 0)).map { "H\($0 + 1)" } }

    var table: Table {
        Table(title: title, header: ["sample"] + header,
              rows: values.enumerated().map { [String($0.offset)] + $0.element.map { formatNumber($0) } },
              numericColumns: Set(0...header.count))
    }

    func display() -> [Output] { [.table(table)] }
}
