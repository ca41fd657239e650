import Script

/// The host types the prelude exposes, created once per interpreter so bindings can wrap values.
final class PreludeTypes {
    let dataset = HostType("Dataset")
    let splits = HostType("DatasetSplits")
    let layer = HostType("Layer")
    let model = HostType("Model")
    let optimizer = HostType("Optimizer")
    let callback = HostType("Callback")
    let history = HostType("History")
    let evaluation = HostType("Evaluation")
    let chart = HostType("Chart")
    let report = HostType("Report")

    func register(in interpreter: Interpreter) {
        for type in [dataset, splits, layer, model, optimizer, callback, history, evaluation, chart, report] {
            interpreter.register(type)
        }
        chart.description { (chart: ChartBox) in "<Chart: \(chart.title)>" }
        report.description { (report: ReportBox) in report.textSummary }
    }
}
