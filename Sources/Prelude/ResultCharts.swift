import Charts
import Learn
import Script

/// The charts of training results and data, one entry each: `history.plot()`,
/// `evaluation.confusionMatrix()` and `points.plot()`.
enum ResultCharts {
    static let entries: [ChartEntry] = [
        .method("plot", on: "History", title: "Training history", width: 820, height: 360) { (box: HistoryBox, args) in
            box.figure(title: args.string("title"))
        },
        .method("confusionMatrix", on: "Evaluation", [.labeled("normalized", .bool, default: .bool(false))],
                title: "Confusion matrix", width: 560, height: 540) { (box: EvaluationBox, args) in
            ConfusionMatrixChart(counts: box.evaluation.confusion, classNames: box.classNames,
                                 title: args.string("title"), normalized: args.bool("normalized"))
        },
        .method("plot", on: "Points", title: "Points", width: 480, height: 440) { (box: PointsBox, args) in
            box.scatter(title: args.string("title"))
        },
    ]
}
