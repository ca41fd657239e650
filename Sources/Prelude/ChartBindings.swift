import Charts
import Script

/// General-purpose charts for numbers a notebook computes itself, as a report needs them beside
/// the model-specific figures: `lineChart(["train": losses, "val": valLosses])`, `barChart(…)`,
/// `scatterPlot(x:y:)` (3-D with `z:`), `heatmap(…)`, and `plotRuns(histories)` for several runs of one model.
enum ChartBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        func chart(_ name: String, _ parameters: [Script.Parameter], title: String, width: Double = 640, height: Double = 400,
                   _ draw: @escaping (Arguments, _ title: String, _ width: Double, _ height: Double) throws -> String) {
            interpreter.register(function: name, parameters + chartParameters(title: title, width: width, height: height)) { args in
                let title = args.string("title")
                return .object(ChartBox(title: title, svg: try draw(args, title, args.double("width"), args.double("height"))), type: types.chart)
            }
        }
        let axes: [Script.Parameter] = [.labeled("xLabel", .string, default: .string("")), .labeled("yLabel", .string, default: .string(""))]
        chart("lineChart", [.positional("series", .dictionary)] + axes, title: "") { args, title, width, height in
            let series = try namedNumbers(args["series"], "lineChart").map { Series(name: $0.name, y: $0.values) }
            var chart = LineChart(series: series, xLabel: args.string("xLabel"), yLabel: args.string("yLabel"), title: title)
            chart.integerX = true  // points are numbered 1, 2, 3…, as epochs and steps are
            return try chart.svg(width: width, height: height)
        }
        chart("barChart", [.positional("labels", .array(.string)), .positional("values", .array(.double))] + axes, title: "") { args, title, width, height in
            let labels = args.array("labels").map(\.description), values = args.array("values").compactMap(\.doubleValue)
            guard labels.count == values.count else { throw HostError("barChart needs one value per label: \(labels.count) labels, \(values.count) values") }
            return try BarChart(labels: labels, values: values, xLabel: args.string("xLabel"), yLabel: args.string("yLabel"), title: title)
                .svg(width: width, height: height)
        }
        chart("groupedBarChart", [.labeled("categories", .array(.string)), .labeled("groups", .dictionary)] + axes, title: "") { args, title, width, height in
            let groups = try namedNumbers(args["groups"], "groupedBarChart").map { (name: $0.name, values: $0.values) }
            return try GroupedBarChart(categories: args.array("categories").map(\.description), groups: groups,
                                       xLabel: args.string("xLabel"), yLabel: args.string("yLabel"), title: title)
                .svg(width: width, height: height)
        }
        chart("scatterPlot", [.labeled("x", .array(.double)), .labeled("y", .array(.double)),
                              .labeled("z", .optional(.array(.double)), default: .nil),
                              .labeled("classes", .optional(.array(.int)), default: .nil)] + axes
                              + [.labeled("zLabel", .string, default: .string("")), .labeled("azimuth", .double, default: .double(35)),
                                 .labeled("elevation", .double, default: .double(25))],
              title: "", width: 560, height: 460) { args, title, width, height in
            let classes = args["classes"].arrayValue?.compactMap(\.intValue)
            let names = (0...(classes?.max() ?? 0)).map { "class \($0)" }
            let x = args.array("x").compactMap(\.doubleValue), y = args.array("y").compactMap(\.doubleValue)
            let coloring: ScatterColoring = classes.map { .classes($0, names: names) } ?? .single
            if let z = args["z"].arrayValue?.compactMap(\.doubleValue) {  // three coordinates: a 3-D view
                return try Scatter3DChart(x: x, y: y, z: z, coloring: coloring, xLabel: args.string("xLabel"), yLabel: args.string("yLabel"),
                                          zLabel: args.string("zLabel"), title: title, azimuth: args.double("azimuth"),
                                          elevation: args.double("elevation")).svg(width: width, height: height)
            }
            return try ScatterChart(x: x, y: y, coloring: coloring, xLabel: args.string("xLabel"), yLabel: args.string("yLabel"), title: title)
                .svg(width: width, height: height)
        }
        chart("heatmap", [.positional("values", .array(.array(.double))), .labeled("rowLabels", .array(.string), default: .array([])),
                          .labeled("columnLabels", .array(.string), default: .array([]))], title: "", width: 560, height: 520) { args, title, width, height in
            let values = args.array("values").map { ($0.arrayValue ?? []).compactMap(\.doubleValue) }
            return try HeatmapChart(values: values, rowLabels: args.array("rowLabels").map(\.description),
                                    columnLabels: args.array("columnLabels").map(\.description), title: title)
                .svg(width: width, height: height)
        }
        let metrics = ["loss", "accuracy", "valLoss", "valAccuracy"]
        chart("plotRuns", [.positional("runs", .dictionary),
                           .labeled("metric", .oneOf("Metric", metrics), default: .symbol("valAccuracy"))],
              title: "Runs per model", width: 640, height: 400) { args, title, width, height in
            let metric = args.symbol("metric") ?? "valAccuracy"
            var series: [Series] = []
            for (name, value) in try named(args["runs"], "plotRuns") {
                let histories = (value.arrayValue ?? [value]).compactMap { $0.object(as: HistoryBox.self)?.history }
                guard !histories.isEmpty else { throw HostError("plotRuns needs each model's histories, e.g. [\"CNN\": [h1, h2, h3]]; '\(name)' has none") }
                let runs = histories.map { history in history.epochs.compactMap { record -> Double? in
                    switch metric {
                    case "loss": return record.loss
                    case "accuracy": return record.accuracy
                    case "valLoss": return record.validationLoss
                    default: return record.validationAccuracy
                    }
                } }
                series.append(try Series.meanBand(name: "\(name) (mean ± sd, \(histories.count) runs)", runs: runs))
            }
            return try LineChart(series: series, xLabel: "epoch", yLabel: metric, title: title).svg(width: width, height: height)
        }
    }

    /// A dictionary's entries in the order written, keys as text.
    private static func named(_ value: Value, _ function: String) throws -> [(name: String, value: Value)] {
        guard case .dictionary(let dictionary) = value else { throw HostError("\(function) needs a dictionary such as [\"name\": values]") }
        return zip(dictionary.keys, dictionary.values).map { ($0.value.description, $1) }
    }

    /// A dictionary of number arrays (`["train": [0.9, 0.5], "val": [1.0, 0.7]]`).
    private static func namedNumbers(_ value: Value, _ function: String) throws -> [(name: String, values: [Double])] {
        try named(value, function).map { name, entry in
            guard let items = entry.arrayValue else { throw HostError("\(function): '\(name)' must be an array of numbers") }
            let numbers = items.compactMap(\.doubleValue)
            guard numbers.count == items.count else { throw HostError("\(function): '\(name)' holds something that is not a number") }
            return (name, numbers)
        }
    }
}
