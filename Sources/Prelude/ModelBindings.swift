import CellOutput
import Datasets
import Learn
import RunLimits
import Script

/// Datasets feed the engine directly: the Datasets module was written to this protocol's shape.
extension ImageDataset: LabeledBatches {}

/// `Sequential { … }`, `model.summary(input:)`, `model.fit(…)`, `model.evaluate(…)`, saving and loading
/// (Folio's own files, and weights from PyTorch or Keras with `model.loadWeights(…)`).
enum ModelBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        let wrap = { (model: Sequential) in Value.object(model, type: types.model) }
        interpreter.register(function: "Sequential", [.positional("layers", .builder)]) { args in
            var layers: [Layer] = []
            for (index, item) in args.array("layers").enumerated() {
                guard let layer = item.object(as: Layer.self) else {
                    throw HostError("Sequential { … } holds only layers, but item \(index + 1) is \(item.typeName); "
                                    + "write layers such as Dense(10) or Conv2D(32, kernel: 3), one per line")
                }
                guard !layers.contains(where: { $0 === layer }) else {
                    throw HostError("the same layer object appears twice in Sequential { … }; "
                                    + "create a new layer for each position")
                }
                layers.append(layer)
            }
            return wrap(Sequential(layers))
        }
        interpreter.namespace("Model").function("load", [.positional("path", .string)]) { args in
            wrap(try Sequential.load(from: args.string("path")))
        }
        let note = HostType("SaveNote")
        interpreter.register(note)
        installModel(types: types, session: session, note: note, warn: { [unowned interpreter] in
            interpreter.show(.text("warning: \($0)\n"))
        })
        installWeightLoading(interpreter, types: types)
        ResultBindings.install(types: types)
    }

    /// `loss: .binaryCrossEntropy` (or `.crossEntropy`, `.meanSquaredError`); nil: the default.
    static let lossParameter = Script.Parameter.labeled(
        "loss", .optional(.oneOf("Loss", [Loss.softmaxCrossEntropy, .binaryCrossEntropy, .meanSquaredError]
            .map(\.cellName))), default: .nil)

    private static func loss(_ args: Arguments) -> Loss? { args.symbol("loss").flatMap(Loss.init(cellName:)) }

    private static func installModel(types: PreludeTypes, session: Session, note: HostType,
                                     warn: @escaping (String) -> Void) {
        let type = types.model
        type.description { (model: Sequential) in
            "Sequential(\(model.layers.map(\.typeName).joined(separator: " → ")))"
        }
        type.method("summary", [.labeled("input", .array(.int))]) { (model: Sequential, args) in
            let summary = try model.summary(input: args.array("input").compactMap(\.intValue))
            let caption = "Total params: \(grouped(summary.total)) · trainable: \(grouped(summary.trainable))"
                + " · non-trainable: \(grouped(summary.nonTrainable))"
            let table = Table(title: caption, header: ["Layer (type)", "Output Shape", "Param #"],
                              rows: summary.rows.map { [$0.layer, $0.outputShape, grouped($0.parameters)] },
                              numericColumns: [2])
            return .object(ReportBox(table), type: types.report)
        }
        type.method("fit", [
            .positional("data", .any),
            .labeled("validation", .any, default: .nil),
            .labeled("epochs", .int, default: .int(1)),
            .labeled("batchSize", .int, default: .int(32)),
            .labeled("optimizer", .optional(.object("Optimizer")), default: .nil),
            .labeled("callbacks", .array(.object("Callback")), default: .array([])),
            .labeled("l2", .double, default: .double(0)),
            .labeled("seed", .optional(.int), default: .nil),
            lossParameter,
        ]) { (model: Sequential, args) in
            let train = try requiredTrainingData(args, "data", for: "fit")
            let validation = try trainingData(args, "validation", for: "fit")
            let optimizer = args["optimizer"].object(as: AnyObject.self) as? Optimizer ?? Adam()
            let callbacks = args.array("callbacks").compactMap { $0.object(as: AnyObject.self) as? Callback }
            let seed = args["seed"].intValue.map { UInt64(bitPattern: Int64($0)) } ?? session.nextSeed()
            // The run's time limit also bounds training, which `fit` checks after every batch.
            let history = try model.fit(train.batches, validation: validation?.batches,
                                        epochs: try LayerBindings.positive(args, "epochs"),
                                        batchSize: try LayerBindings.positive(args, "batchSize"), optimizer: optimizer,
                                        loss: loss(args) ?? .softmaxCrossEntropy, l2: Float(args.double("l2")),
                                        callbacks: callbacks, seed: seed)
            // Counted by Folio after training, for `folio grade`: a notebook cannot misstate it.
            session.log.trained(parameters: model.allParameters.reduce(0) { $0 + $1.parameter.variable.value.count })
            return .object(HistoryBox(history), type: types.history)
        }
        type.method("evaluate", [.positional("data", .any), .labeled("batchSize", .int, default: .int(256)),
                                 lossParameter]) { (model: Sequential, args) in
            let data = try requiredTrainingData(args, "data", for: "evaluate")
            model.batchNormWarmUpWarnings.forEach(warn)
            let evaluation = try model.evaluate(data.batches, batchSize: try LayerBindings.positive(args, "batchSize"),
                                                loss: loss(args))
            return .object(EvaluationBox(evaluation, classNames: data.classNames), type: types.evaluation)
        }
        type.method("predict", [.positional("data", .any)]) { (model: Sequential, args) in
            let data = try requiredTrainingData(args, "data", for: "predict")
            model.batchNormWarmUpWarnings.forEach(warn)
            return .ints(try model.evaluate(data.batches).predictions.map(Int.init))
        }
        type.method("save", [.positional("path", .string)]) { (model: Sequential, args) in
            guard try model.save(to: args.string("path")) else { return .void }
            return .object(TextNote("replaced the earlier model at \(args.string("path"))"), type: note)
        }
        type.property("parameterCount") { (model: Sequential) in
            .int(model.layers.reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.variable.value.count } })
        }
        type.property("trainableParameterCount") { (model: Sequential) in .int(model.parameterCounts.trainable) }
        type.property("nonTrainableParameterCount") { (model: Sequential) in
            .int(model.parameterCounts.nonTrainable)
        }
    }

    /// `model.loadWeights("net.safetensors", input: [28, 28, 1], names: ["dense_1": "fc"])`: weights
    /// from Folio, PyTorch or Keras-layout safetensors, shown as a table of what came from where.
    private static func installWeightLoading(_ interpreter: Interpreter, types: PreludeTypes) {
        let reportType = HostType("WeightLoadReport")
        interpreter.register(reportType)
        reportType.description { (box: WeightLoadBox) in box.report.description }
        reportType.property("unused") { (box: WeightLoadBox) in .strings(box.report.unused) }
        reportType.property("notes") { (box: WeightLoadBox) in .strings(box.report.notes) }
        types.model.method("loadWeights", [
            .positional("path", .string),
            .labeled("input", .optional(.array(.int)), default: .nil),
            .labeled("names", .optional(.dictionary), default: .nil),
        ]) { (model: Sequential, args) in
            try build(model, input: args["input"].arrayValue?.compactMap(\.intValue))
            let report = try model.loadWeights(from: args.string("path"), names: try names(args["names"]))
            return .object(WeightLoadBox(report), type: reportType)
        }
    }

    /// Builds an unbuilt model for `input`, since loading needs each layer's weight shapes. A model
    /// built for another input is left alone (rebuilding would discard its weights).
    private static func build(_ model: Sequential, input: [Int]?) throws {
        switch (model.inputShape, input) {
        case (nil, let input?): try model.build(input: input, seed: 0)  // every weight is then overwritten
        case (nil, nil):
            throw HostError("loadWeights: the model does not know its input shape yet; "
                            + "pass it, e.g. loadWeights(\"model.safetensors\", input: [28, 28, 1])")
        case (let built?, let input?) where built != input:
            throw HostError("loadWeights: the model is built for input \(built), not \(input); "
                            + "leave out input: or make a new model")
        default: break
        }
    }

    /// `["dense_1": "fc3", "dense.kernel": "encoder.weight"]` as Swift strings.
    private static func names(_ value: Value) throws -> [String: String] {
        guard case .dictionary(let dictionary) = value else { return [:] }
        var names: [String: String] = [:]
        for (key, item) in zip(dictionary.keys, dictionary.values) {
            guard case .string(let layer) = key.value, let tensor = item.stringValue else {
                throw HostError("loadWeights: names: maps layer or parameter names to the file's names, both strings, "
                                + "e.g. [\"dense_1\": \"fc3\"]; "
                                + "found \(key.value.debugDescription): \(item.debugDescription)")
            }
            names[layer] = tensor
        }
        return names
    }
}

/// A weight-loading report in a cell: one row per layer (its weights, the file's tensors, how they
/// were matched and converted), then the file's unused and skipped tensors and what to check.
final class WeightLoadBox: Displayable {
    let report: WeightImportReport

    init(_ report: WeightImportReport) { self.report = report }

    func display() -> [Output] {
        let table = Table(title: report.summary, header: ["Layer", "Weights", "From", "Matched by", "Conversion"],
                          rows: report.rows.map { [$0.layer, $0.parameters, $0.source, $0.match, $0.conversion] })
        var lines: [String] = []
        if !report.unused.isEmpty {
            lines.append("Unused tensors of the file: " + report.unused.joined(separator: ", "))
        }
        if !report.skipped.isEmpty {
            lines.append("Skipped, no Folio counterpart: " + report.skipped.joined(separator: ", "))
        }
        lines += report.notes.map { "Check: \($0)" }
        return [.table(table)] + (lines.isEmpty ? [] : [.text(lines.joined(separator: "\n"))])
    }
}

/// One line of text in a cell's output, e.g. what `model.save` replaced.
final class TextNote: Displayable {
    let text: String
    init(_ text: String) { self.text = text }
    func display() -> [Output] { [.text(text)] }
}
