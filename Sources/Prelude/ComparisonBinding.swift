import CellOutput
import Charts
import Foundation
import Learn
import Script

/// `compare([("MLP", mlp, mlpResult, mlpHistory), ("CNN", cnn, cnnResult, cnnHistory)])`: the
/// coursework summary table (test accuracy and loss, seconds per epoch, parameters) with a bar chart.
enum ComparisonBinding {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        interpreter.register(function: "compare", [.positional("models", .array(.any))]
                             + chartParameters(title: "Model comparison", width: 560, height: 300)) { args in
            let entries = try args.array("models").enumerated().map { try entry($1, position: $0 + 1) }
            let comparison = try ModelComparison(entries)
            let best = comparison.best
            let rows = comparison.entries.enumerated().map { i, e -> [String] in
                [e.name + (i == best && entries.count > 1 ? " ★" : ""),
                 formatNumber(e.testAccuracy), formatNumber(e.testLoss),
                 e.secondsPerEpoch.map { String(format: "%.2f", $0) } ?? "–",
                 e.epochs.map(String.init) ?? "–", grouped(e.parameters)]
            }
            let title = args.string("title")
            let table = Table(title: "\(title) · ★ best test accuracy", header: ModelComparison.header, rows: rows,
                              numericColumns: [1, 2, 3, 4, 5])
            var bars = GroupedBarChart(categories: entries.map(\.name),
                                       groups: [(name: "test accuracy", values: entries.map(\.testAccuracy))],
                                       yLabel: "test accuracy", title: title)
            bars.showLegend = false
            let chart = ChartBox(title: title,
                                 svg: try bars.svg(width: args.double("width"), height: args.double("height")))
            return .object(ReportBox(table, chart: chart), type: types.report)
        }
    }

    /// One `(name, model, evaluation[, history])` tuple.
    private static func entry(_ value: Value, position: Int) throws -> ModelComparison.Entry {
        let usage = "write each model as (\"name\", model, model.evaluate(test), history) — the history is optional"
        guard case .tuple(let tuple) = value, (3...4).contains(tuple.elements.count) else {
            throw HostError("compare: entry \(position) is \(value.typeName); \(usage)")
        }
        let items = tuple.elements
        guard let name = items[0].stringValue, let model = items[1].object(as: Sequential.self),
              let evaluation = items[2].object(as: EvaluationBox.self)?.evaluation else {
            let kinds = items.map(\.typeName).joined(separator: ", ")
            throw HostError("compare: entry \(position) has the wrong kinds of values (\(kinds)); \(usage)")
        }
        var history: History?
        if items.count == 4 {
            guard let box = items[3].object(as: HistoryBox.self) else {
                throw HostError("compare: the 4th value of entry \(position) is \(items[3].typeName), "
                                + "not a History; \(usage)")
            }
            history = box.history
        }
        return ModelComparison.Entry(name: name, model: model, evaluation: evaluation, history: history)
    }
}
