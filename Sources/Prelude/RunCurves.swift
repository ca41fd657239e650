import Charts
import Learn
import Script

/// `plotRuns(["CNN": [h1, h2, h3]], metric: .valAccuracy)`: one metric of several runs per model,
/// each model's mean with a band of ± one standard deviation, against whole-numbered epochs.
struct RunCurves {
    static let metrics = ["loss", "accuracy", "valLoss", "valAccuracy"]

    let series: [Series]
    let metric: String
    let title: String

    init(_ args: Arguments) throws {
        metric = args.symbol("metric") ?? "valAccuracy"
        title = args.string("title")
        let metric = self.metric
        series = try ChartBindings.named(args["runs"], "plotRuns").map { name, value in
            let histories = (value.arrayValue ?? [value]).compactMap { $0.object(as: HistoryBox.self)?.history }
            guard !histories.isEmpty else {
                throw HostError("plotRuns needs each model's histories, e.g. [\"CNN\": [h1, h2, h3]]; "
                                + "'\(name)' has none")
            }
            // meanBand names the series "CNN (mean ± sd, 3 runs)" itself.
            return try Series.meanBand(name: name, runs: histories.map { RunCurves.values(of: metric, in: $0) })
        }
    }

    /// The metric per epoch of one run (epochs that did not record it are left out).
    private static func values(of metric: String, in history: History) -> [Double] {
        history.epochs.compactMap { record -> Double? in
            switch metric {
            case "loss": return record.loss
            case "accuracy": return record.accuracy
            case "valLoss": return record.validationLoss
            default: return record.validationAccuracy
            }
        }
    }

    /// The runs as a line chart: epochs are counted, so the x ticks are whole numbers.
    var chart: LineChart {
        var chart = LineChart(series: series, xLabel: "epoch", yLabel: metric, title: title)
        chart.integerX = true
        return chart
    }
}
