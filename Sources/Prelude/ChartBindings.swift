import Charts
import Script

/// General-purpose charts for numbers a notebook computes itself, as a report needs them beside
/// the model-specific figures: `lineChart(["train": losses, "val": valLosses])`, `barChart(…)`,
/// `scatterPlot(x:y:)` (3-D with `z:`), `heatmap(…)`, `plotRuns(histories)` for several runs of
/// one model, and `pca(data)`. Each is one entry of `functions`; see `ChartRegistry`.
enum ChartBindings {
    /// Installs every chart of the registry: the functions below and the chart methods of
    /// models, histories and evaluations (points install theirs with their type).
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        ChartRegistry.installFunctions(interpreter, types: types)
        for type in [types.model, types.history, types.evaluation] {
            ChartRegistry.installMethods(on: type, types: types)
        }
    }

    private static let axes: [Script.Parameter] = [.labeled("xLabel", .string, default: .string("")),
                                                   .labeled("yLabel", .string, default: .string(""))]
    private static let view: [Script.Parameter] = [.labeled("azimuth", .double, default: .double(35)),
                                                   .labeled("elevation", .double, default: .double(25))]

    /// The chart functions, one entry each.
    static let functions: [ChartEntry] = [
        .function("lineChart", [.positional("series", .dictionary)] + axes) { args in
            let series = try namedNumbers(args["series"], "lineChart").map { Series(name: $0.name, y: $0.values) }
            var chart = LineChart(series: series, xLabel: args.string("xLabel"), yLabel: args.string("yLabel"),
                                  title: args.string("title"))
            chart.integerX = true  // points are numbered 1, 2, 3…, as epochs and steps are
            return chart
        },
        .function("barChart", [.positional("labels", .array(.string)), .positional("values", .array(.double))]
                  + axes) { args in
            let labels = args.array("labels").map(\.description)
            let values = args.array("values").compactMap(\.doubleValue)
            guard labels.count == values.count else {
                throw HostError("barChart needs one value per label: \(labels.count) labels, \(values.count) values")
            }
            return BarChart(labels: labels, values: values, xLabel: args.string("xLabel"),
                            yLabel: args.string("yLabel"), title: args.string("title"))
        },
        .function("groupedBarChart", [.labeled("categories", .array(.string)), .labeled("groups", .dictionary)]
                  + axes) { args in
            let groups = try namedNumbers(args["groups"], "groupedBarChart").map { (name: $0.name, values: $0.values) }
            return GroupedBarChart(categories: args.array("categories").map(\.description), groups: groups,
                                   xLabel: args.string("xLabel"), yLabel: args.string("yLabel"),
                                   title: args.string("title"))
        },
        .function("scatterPlot", [.labeled("x", .array(.double)), .labeled("y", .array(.double)),
                                  .labeled("z", .optional(.array(.double)), default: .nil),
                                  .labeled("classes", .optional(.array(.int)), default: .nil)]
                  + axes + [.labeled("zLabel", .string, default: .string(""))] + view,
                  width: 560, height: 460, scatterPlot),
        .function("heatmap", [.positional("values", .array(.array(.double))),
                              .labeled("rowLabels", .array(.string), default: .array([])),
                              .labeled("columnLabels", .array(.string), default: .array([]))],
                  width: 560, height: 520) { args in
            HeatmapChart(values: args.array("values").map { ($0.arrayValue ?? []).compactMap(\.doubleValue) },
                         rowLabels: args.array("rowLabels").map(\.description),
                         columnLabels: args.array("columnLabels").map(\.description), title: args.string("title"))
        },
        .function("plotRuns", [.positional("runs", .dictionary),
                               .labeled("metric", .oneOf("Metric", RunCurves.metrics),
                                        default: .symbol("valAccuracy"))],
                  title: "Runs per model") { args in try RunCurves(args).chart },
        .function("pca", [.positional("data", .any), .labeled("count", .int, default: .int(1000))],
                  title: "PCA projection", width: 640, height: 480) { args in
            let source = try PlotSource(args["data"])
            let (inputs, labels) = try source.sample(count: try LayerBindings.positive(args, "count"))
            return try AnalysisBindings.projection(inputs, labels: labels, names: source.classNames,
                                                   source: "inputs", args)
        },
    ]

    /// `scatterPlot`: three coordinates make a 3-D view, two a plane.
    private static func scatterPlot(_ args: Arguments) throws -> any Chart {
        let classes = args["classes"].arrayValue?.compactMap(\.intValue)
        let names = (0...(classes?.max() ?? 0)).map { "class \($0)" }
        let x = args.array("x").compactMap(\.doubleValue), y = args.array("y").compactMap(\.doubleValue)
        let coloring: ScatterColoring = classes.map { .classes($0, names: names) } ?? .single
        let (xLabel, yLabel, title) = (args.string("xLabel"), args.string("yLabel"), args.string("title"))
        guard let z = args["z"].arrayValue?.compactMap(\.doubleValue) else {
            return ScatterChart(x: x, y: y, coloring: coloring, xLabel: xLabel, yLabel: yLabel, title: title)
        }
        return Scatter3DChart(x: x, y: y, z: z, coloring: coloring, xLabel: xLabel, yLabel: yLabel,
                              zLabel: args.string("zLabel"), title: title, azimuth: args.double("azimuth"),
                              elevation: args.double("elevation"))
    }

    /// A dictionary's entries in the order written, keys as text.
    static func named(_ value: Value, _ function: String) throws -> [(name: String, value: Value)] {
        guard case .dictionary(let dictionary) = value else {
            throw HostError("\(function) needs a dictionary such as [\"name\": values]")
        }
        return zip(dictionary.keys, dictionary.values).map { ($0.value.description, $1) }
    }

    /// A dictionary of number arrays (`["train": [0.9, 0.5], "val": [1.0, 0.7]]`).
    private static func namedNumbers(_ value: Value, _ function: String) throws -> [(name: String, values: [Double])] {
        try named(value, function).map { name, entry in
            guard let items = entry.arrayValue else {
                throw HostError("\(function): '\(name)' must be an array of numbers")
            }
            let numbers = items.compactMap(\.doubleValue)
            guard numbers.count == items.count else {
                throw HostError("\(function): '\(name)' holds something that is not a number")
            }
            return (name, numbers)
        }
    }
}
