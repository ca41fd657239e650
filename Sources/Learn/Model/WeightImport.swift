import Tensor

extension Sequential {
    /// Loads weights from a safetensors file into this built model and reports what came from
    /// where. Reads Folio's own files, PyTorch state_dicts (`safetensors.torch.save_file`) and
    /// Keras-layout files, in F32, F16, BF16 or F64. Each layer with weights takes, in turn:
    /// 1. the module or tensors `names` gives it: a layer name to a module of the file
    ///    (`["dense_1": "fc3"]`, `["lstm": "encoder.rnn[l1]"]`), or a parameter to one tensor
    ///    (`["dense_1.kernel": "fc3.weight"]`);
    /// 2. otherwise the tensors named as Folio saves them ("dense_1.kernel");
    /// 3. otherwise the first unused module of the file, in the model's likely order, whose
    ///    tensors fit the layer once converted from PyTorch's layouts (Linear [out, in], Conv2d
    ///    [O, I, kh, kw], BatchNorm running statistics, RNN/LSTM/GRU gate order and biases,
    ///    MultiheadAttention in_proj; a Dense after a Flatten of an image takes PyTorch's
    ///    (C, H, W) flatten order to Folio's (H, W, C)).
    /// Nothing changes unless every layer found its weights: a failed load leaves the model as it was.
    /// - Throws: `LearnError.file` naming the file, the layer or tensor, and the fix.
    @discardableResult
    public func loadWeights(from path: String, names: [String: String] = [:]) throws -> WeightImportReport {
        guard inputShape != nil else {
            throw LearnError.invalidArgument("loadWeights: build the model first with build(input:), "
                                             + "e.g. build(input: [28, 28, 1]), so its layers know their weight shapes")
        }
        let plan = try WeightImportPlan(targets: importTargets(), file: SafeTensorsFile(path: path), names: names)
        plan.assign()
        hasLearned = true
        markStatisticsLoaded()
        return plan.report
    }
}

/// The values every layer with weights gets from a file, all chosen and converted before any
/// weight changes.
struct WeightImportPlan {
    private let file: SafeTensorsFile
    private var chosen: [(target: ImportTarget, weights: ConvertedWeights, match: String)] = []

    init(targets: [ImportTarget], file: SafeTensorsFile, names: [String: String]) throws {
        self.file = file
        let floats = file.entries.filter { $0.isFloat && !WeightImportPlan.isBuffer($0) }
        let explicit = try ExplicitWeightNames(names, targets: targets,
                                               modules: SourceModule.group(floats, nameOrder: file.isInNameOrder),
                                               file: file)
        var picked: [Int: (weights: ConvertedWeights, match: String)] = [:]
        for (i, target) in targets.enumerated() {
            if let weights = try explicit.weights(for: target) { picked[i] = (weights, "names:") }
            else if let weights = try byFolioName(target) { picked[i] = (weights, "Folio name") }
        }
        let claimed = Set(picked.values.flatMap(\.weights.sources))
        var modules = SourceModule.group(floats.filter { !claimed.contains($0.name) }, nameOrder: file.isInNameOrder)
        for (i, target) in targets.enumerated() where picked[i] == nil {
            guard let fit = modules.indices.lazy.compactMap({ k in
                WeightConversion.convert(modules[k], for: target, file: file).map { (index: k, weights: $0) }
            }).first else { throw noMatch(target, left: modules, last: i == targets.count - 1) }
            picked[i] = (fit.weights, "order and shape")
            modules.remove(at: fit.index)
        }
        for (i, target) in targets.enumerated() {
            guard let pick = picked[i], target.parameters.allSatisfy({
                      pick.weights.values[$0.parameter.name]?.shape == $0.parameter.variable.value.shape
                  }) else {
                throw LearnError.file("load \(file.path): could not make every weight of \(target.label) from "
                                      + "\(picked[i]?.weights.sources ?? []); pass names: to choose its tensors")
            }
            chosen.append((target, pick.weights, pick.match))
        }
    }

    /// Copies the chosen values into the model's weights (in place: optimizers keep their state).
    func assign() {
        for (target, weights, _) in chosen {
            for (_, parameter) in target.parameters {
                if let value = weights.values[parameter.name] { try? parameter.variable.value.assign(value) }
            }
        }
    }

    var report: WeightImportReport {
        let used = Set(chosen.flatMap(\.weights.sources))
        let rows = chosen.map { target, weights, match in
            let shapes = target.parameters.map { "\($0.parameter.name) \($0.parameter.variable.value.shape)" }
            let conversion = weights.conversions.isEmpty ? "as is" : weights.conversions.joined(separator: "; ")
            return WeightImportReport.Row(layer: target.path, parameters: shapes.joined(separator: ", "),
                                          source: weights.sources.joined(separator: ", "), match: match,
                                          conversion: conversion)
        }
        let skipped = file.entries.filter { !$0.isFloat || WeightImportPlan.isBuffer($0) }
        let unused = file.entries.filter { $0.isFloat && !WeightImportPlan.isBuffer($0) && !used.contains($0.name) }
        return WeightImportReport(file: file.fileName, rows: rows,
                                  unused: unused.map(\.label),
                                  skipped: skipped.map { "\($0.label) (\($0.dtype))" },
                                  notes: chosen.flatMap(\.weights.notes))
    }

    /// Tensors with no Folio counterpart: BatchNorm's step counter.
    private static func isBuffer(_ entry: SafeTensorEntry) -> Bool { entry.name.hasSuffix("num_batches_tracked") }

    /// The target's weights under the names Folio saves them with, when the file has them all;
    /// those must then have the model's shapes.
    private func byFolioName(_ target: ImportTarget) throws -> ConvertedWeights? {
        guard target.parameters.allSatisfy({ file[$0.key] != nil }) else { return nil }
        var weights = ConvertedWeights()
        for (key, parameter) in target.parameters {
            guard let entry = file[key], entry.isFloat else {
                throw LearnError.file("load \(file.path): tensor \"\(key)\" has dtype \(file[key]?.dtype ?? "?"); "
                                      + "Folio reads F32, F16, BF16 and F64")
            }
            guard entry.shape == parameter.variable.value.shape else {
                throw LearnError.file("load \(file.path): tensor \"\(key)\" has shape \(entry.shape), "
                                      + "the model expects \(parameter.variable.value.shape); "
                                      + "build the layer with the sizes it was saved with")
            }
            weights.values[parameter.name] = file.floats(entry)
            weights.sources.append(key)
            let widened = "\(entry.dtype) → F32"
            if entry.dtype != "F32", !weights.conversions.contains(widened) { weights.conversions.append(widened) }
        }
        return weights
    }

    private func noMatch(_ target: ImportTarget, left modules: [SourceModule], last: Bool) -> LearnError {
        var message = "\(file.fileName): no tensor for layer \(target.label)"
        if modules.isEmpty {
            message += "; every tensor of the file went to earlier layers, so the model has more layers with weights "
                       + "than the file — check the architecture"
        } else {
            message += "; the file's unused tensors are \(abbreviatedList(modules.map(\.label))); "
                       + "pass names: to map them, e.g. names: [\"\(target.path)\": \"\(modules[0].name)\"]"
        }
        if last {
            message += ". For a new head, load into the model without it, then add it with replacingLast(0) { … }"
        }
        return LearnError.file(message)
    }
}
