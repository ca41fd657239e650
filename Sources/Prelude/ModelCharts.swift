import Charts
import Learn
import Script

/// The charts a model draws about itself, one entry each: what it looks at and gets wrong
/// (`AnalysisBindings`), its pictures over the input plane (`PointBindings`) and its recurrent
/// dynamics (`DynamicsBindings`). Those files read the model and data; Charts draws.
enum ModelCharts {
    private static let data = Script.Parameter.positional("data", .object("Dataset"))
    private static let points = Script.Parameter.positional("data", .object("Points"))
    private static let sequence: [Script.Parameter] = [.positional("data", .any),
                                                       .labeled("index", .int, default: .int(0)),
                                                       .labeled("layer", .optional(.int), default: .nil)]

    static let entries: [ChartEntry] = [
        .method("saliency", on: "Model", [data, AnalysisBindings.indicesParameter], title: "Saliency maps",
                width: 820, height: nil, AnalysisBindings.saliency),
        .method("occlusion", on: "Model", [data, AnalysisBindings.indicesParameter,
                                           .labeled("patch", .int, default: .int(4)),
                                           .labeled("stride", .optional(.int), default: .nil),
                                           .labeled("fill", .optional(.double), default: .nil)],
                title: "Occlusion sensitivity", width: 820, height: nil, AnalysisBindings.occlusion),
        .method("misclassified", on: "Model", [data, .labeled("top", .int, default: .int(12))],
                title: "Most confident mistakes", width: 820, height: nil, AnalysisBindings.mistakes),
        .method("pca", on: "Model", [.positional("data", .any), .labeled("layer", .int),
                                     .labeled("count", .int, default: .int(1000))],
                title: "PCA of hidden activations", width: 640, height: 480, AnalysisBindings.hiddenProjection),
        .method("decisionRegions", on: "Model", [points, .labeled("resolution", .int, default: .int(120))],
                title: "Decision regions", width: 480, height: 500, PointBindings.decisionRegions),
        .method("hiddenUnits", on: "Model", [points, .labeled("layer", .int, default: .int(0)),
                                             .labeled("resolution", .int, default: .int(48))],
                title: "Hidden units over the input plane", height: nil, PointBindings.hiddenUnits),
        .method("hiddenStates", on: "Model", sequence, title: "Hidden units over time", width: 760, height: 420,
                DynamicsBindings.hiddenStates),
        .method("cellStates", on: "Model", sequence, title: "LSTM cell states over time", width: 760, height: 420,
                DynamicsBindings.cellStates),
        .method("stateTrajectory", on: "Model", sequence + [.labeled("units", .optional(.array(.int)), default: .nil),
                                                            .labeled("dimensions", .int, default: .int(2)),
                                                            .labeled("of", .oneOf("StateKind", ["hidden", "cell"]),
                                                                     default: .symbol("hidden")),
                                                            .labeled("azimuth", .double, default: .double(35)),
                                                            .labeled("elevation", .double, default: .double(25))],
                title: "Hidden-state trajectory", width: 560, height: 460, DynamicsBindings.stateTrajectory),
    ]
}
