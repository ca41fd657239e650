import CellOutput
import Charts
import Foundation
import Learn
import Script

/// What `fit` returns: shown as the training figure and the per-epoch table.
final class HistoryBox: Displayable {
    let history: History
    init(_ history: History) { self.history = history }

    var table: Table {
        let hasValidation = history.epochs.contains { $0.validationLoss != nil }
        var header = ["epoch", "loss", "accuracy"]
        if hasValidation { header += ["val loss", "val accuracy"] }
        header += ["learning rate", "seconds"]
        let rows = history.epochs.map { record -> [String] in
            var row = [String(record.epoch), formatNumber(record.loss), formatNumber(record.accuracy)]
            if hasValidation {
                row += [record.validationLoss.map { formatNumber($0) } ?? "–",
                        record.validationAccuracy.map { formatNumber($0) } ?? "–"]
            }
            return row + [String(format: "%g", Double(record.learningRate)), String(format: "%.1f", record.seconds)]
        }
        return Table(title: "Training history", header: header, rows: rows, numericColumns: Set(header.indices))
    }

    /// Loss and accuracy per epoch, side by side.
    func figure(title: String) -> TrainingFigure {
        let epochs = history.epochs
        let curves = TrainingCurves(trainLoss: epochs.map(\.loss), validationLoss: epochs.compactMap(\.validationLoss),
                                    trainAccuracy: epochs.map(\.accuracy),
                                    validationAccuracy: epochs.compactMap(\.validationAccuracy))
        return TrainingFigure(curves: curves, title: title)
    }

    func display() -> [Output] {
        let chart = try? ChartBox(figure(title: "Training history"), width: 820, height: 360)
        return (chart?.display() ?? []) + [.table(table)]
    }
}

/// What `evaluate` returns: accuracy and loss, with the confusion matrix and per-class report on request.
final class EvaluationBox: Displayable {
    let evaluation: Evaluation
    let classNames: [String]

    init(_ evaluation: Evaluation, classNames: [String]) {
        self.evaluation = evaluation
        self.classNames = classNames
    }

    func display() -> [Output] {
        [.table(Table(title: "Evaluation", header: ["samples", "accuracy", "loss"],
                      rows: [[String(evaluation.labels.count), formatNumber(evaluation.accuracy),
                              formatNumber(evaluation.loss)]],
                      numericColumns: [0, 1, 2]))]
    }

    var classificationReport: Table {
        let support = evaluation.confusion.map { $0.reduce(0, +) }
        let rows = classNames.indices.map { c in
            [classNames[c], formatNumber(evaluation.precision[c], decimals: 3),
             formatNumber(evaluation.recall[c], decimals: 3), formatNumber(evaluation.f1[c], decimals: 3),
             String(support[c])]
        }
        return Table(title: "Classification report · accuracy \(formatNumber(evaluation.accuracy, decimals: 3))",
                     header: ["class", "precision", "recall", "f1", "support"], rows: rows,
                     numericColumns: [1, 2, 3, 4])
    }
}

enum ResultBindings {
    static func install(types: PreludeTypes) {
        let history = types.history
        history.description { (box: HistoryBox) in box.table.plainText }
        history.property("epochs") { (box: HistoryBox) in .int(box.history.epochs.count) }
        history.property("loss") { (box: HistoryBox) in .doubles(box.history.losses) }
        history.property("accuracy") { (box: HistoryBox) in .doubles(box.history.accuracies) }
        history.property("valLoss") { (box: HistoryBox) in .doubles(box.history.epochs.compactMap(\.validationLoss)) }
        history.property("valAccuracy") { (box: HistoryBox) in
            .doubles(box.history.epochs.compactMap(\.validationAccuracy))
        }
        history.property("seconds") { (box: HistoryBox) in .doubles(box.history.epochs.map(\.seconds)) }
        history.property("learningRate") { (box: HistoryBox) in
            .doubles(box.history.epochs.map { Double($0.learningRate) })
        }
        history.method("table") { (box: HistoryBox, _) in .object(ReportBox(box.table), type: types.report) }

        let evaluation = types.evaluation
        evaluation.description { (box: EvaluationBox) in
            "Evaluation(accuracy: \(formatNumber(box.evaluation.accuracy)), loss: \(formatNumber(box.evaluation.loss)))"
        }
        evaluation.property("accuracy") { (box: EvaluationBox) in .double(box.evaluation.accuracy) }
        evaluation.property("loss") { (box: EvaluationBox) in .double(box.evaluation.loss) }
        evaluation.property("predictions") { (box: EvaluationBox) in .ints(box.evaluation.predictions.map(Int.init)) }
        evaluation.property("labels") { (box: EvaluationBox) in .ints(box.evaluation.labels.map(Int.init)) }
        evaluation.property("confusion") { (box: EvaluationBox) in .array(box.evaluation.confusion.map(Value.ints)) }
        evaluation.method("classificationReport") { (box: EvaluationBox, _) in
            .object(ReportBox(box.classificationReport), type: types.report)
        }
    }
}
