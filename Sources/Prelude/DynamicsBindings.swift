import Charts
import Learn
import Script
import Tensor

/// What recurrent hidden units do over one sequence: `model.hiddenStates(data, index: 0)` draws
/// every unit's activation per step, `model.stateTrajectory(data, index: 0)` the path of the
/// hidden state, coloured by the symbol read: through its first two (or three) principal
/// components, or through chosen units (`units: [0, 2]`, or three of them for a 3-D view).
enum DynamicsBindings {
    /// Nothing left to install: both charts are entries of `ModelCharts`, installed with the chart
    /// registry. Kept because `Prelude.install` calls it.
    static func install(types: PreludeTypes) {}

    /// `model.hiddenStates(data, index:, layer:)`: every unit's activation per step.
    static func hiddenStates(_ model: Sequential, _ args: Arguments) throws -> HeatmapChart {
        try heatmap(try StateRecording(model, args, of: .hidden), args)
    }

    /// `model.cellStates(data, index:, layer:)`: every LSTM cell's memory per step.
    static func cellStates(_ model: Sequential, _ args: Arguments) throws -> HeatmapChart {
        try heatmap(try StateRecording(model, args, of: .cell), args)
    }

    private static func heatmap(_ run: StateRecording, _ args: Arguments) throws -> HeatmapChart {
        HeatmapChart(values: run.byUnit, rowLabels: (1...run.units).map { "\(run.kind.prefix)\($0)" },
                     columnLabels: run.stepLabels, xLabel: run.stepAxis, yLabel: "unit",
                     title: args.string("title"), subtitle: run.subtitle)
    }

    /// `model.stateTrajectory(data, index:, units:, dimensions:)`: the hidden state's path,
    /// in 3-D when three coordinates are asked for.
    static func stateTrajectory(_ model: Sequential, _ args: Arguments) throws -> any Chart {
        let kind = StateKind(rawValue: args.symbol("of") ?? "") ?? .hidden
        let run = try StateRecording(model, args, of: kind)
        let axes = try StateProjection(run, units: args["units"].arrayValue?.compactMap(\.intValue),
                                       dimensions: args.int("dimensions"))
        let coloring: ScatterColoring = run.symbols.map { .classes($0.indices, names: $0.names) }
            ?? .values((1...run.steps).map(Double.init), label: "step")
        let (c, labels, title) = (axes.coordinates, axes.labels, args.string("title"))
        guard c.count == 3 else {
            return ScatterChart(x: c[0], y: c[1], coloring: coloring, trajectories: [0..<run.steps], xLabel: labels[0],
                                yLabel: labels[1], title: title, subtitle: run.subtitle)
        }
        return Scatter3DChart(x: c[0], y: c[1], z: c[2], coloring: coloring, trajectories: [0..<run.steps],
                              xLabel: labels[0], yLabel: labels[1], zLabel: labels[2], title: title,
                              subtitle: run.subtitle, azimuth: args.double("azimuth"),
                              elevation: args.double("elevation"))
    }
}

/// Which state of a recurrent layer to show: the hidden state every recurrent layer has, or an
/// LSTM's cell state (its memory, which the output gate reads but does not bound to ±1).
enum StateKind: String, CaseIterable {
    case hidden, cell
    var prefix: String { self == .hidden ? "h" : "c" }
}

/// The hidden (or cell) states of one recurrent layer while the model reads one sample.
struct StateRecording {
    let kind: StateKind
    let steps: Int
    let units: Int
    /// byStep[t][u]: unit u after step t.
    let byStep: [[Float]]
    /// For counting-language sequences: the symbol read at each step.
    let symbols: (indices: [Int], names: [String])?
    let subtitle: String

    init(_ model: Sequential, _ args: Arguments, of kind: StateKind) throws {
        self.kind = kind
        let data = try requiredTrainingData(args, "data", for: "hidden-state plots")
        let index = try sampleIndex(args, count: data.batches.count)
        let layer = try Self.recurrentLayer(model, args["layer"].intValue, lstm: kind == .cell)
        if kind == .cell, !(layer is LSTM) {
            throw HostError("\(layer.name) is a \(layer.typeName), which has no cell state: only LSTM layers keep "
                            + "one; use hiddenStates (or of: .hidden), or name an LSTM with layer:")
        }
        let batches = data.batches
        var input = Tensor(zeros: [1] + batches.sampleShape)
        var labels = [Int32](repeating: 0, count: max(1, batches.labelsPerSample))
        batches.fillBatch(indices: [index][...], inputs: input.mutablePointer, labels: &labels)
        layer.recordStates = true
        defer { layer.recordStates = false }
        _ = try model.predict(input)
        let recorded = kind == .cell ? (layer as? LSTM)?.cellStates : layer.hiddenStates
        guard let states = recorded, states.rank == 3 else {
            throw HostError("the layer recorded no \(kind) states")
        }
        steps = states.shape[1]
        units = states.shape[2]
        let values = states.scalars, width = states.shape[2]
        byStep = (0..<states.shape[1]).map { t in Array(values[(t * width)..<((t + 1) * width)]) }
        let what = kind == .cell ? ", cell states" : ""
        if let sequences = data as? SequencesBox {
            let text = Array(sequences.data.string(at: index))
            let names = sequences.classNames
            symbols = (text.prefix(steps).map { names.firstIndex(of: String($0)) ?? 0 }, names)
            let read = String(text.prefix(min(steps, 48))) + (steps > 48 ? "…" : "")
            subtitle = "\(layer.name) (\(layer.typeName), \(units) units\(what)) reading \"\(read)\""
        } else {
            symbols = nil
            subtitle = "\(layer.name) (\(layer.typeName), \(units) units\(what)) reading sample \(index) "
                + "as \(steps) steps"
        }
    }

    var byUnit: [[Double]] { (0..<units).map { u in byStep.map { Double($0[u]) } } }
    var stepLabels: [String] {
        guard let symbols else { return (1...steps).map(String.init) }
        return symbols.indices.map { symbols.names[$0] }
    }
    var stepAxis: String { symbols == nil ? "step" : "symbol read" }

    /// Layer `index`, else the first recurrent layer (the first LSTM when `lstm`, for cell states).
    private static func recurrentLayer(_ model: Sequential, _ index: Int?, lstm: Bool) throws -> RecurrentLayer {
        if let index {
            guard model.layers.indices.contains(index), let layer = model.layers[index] as? RecurrentLayer else {
                let kinds = model.layers.map(\.typeName).joined(separator: ", ")
                throw HostError("layer \(index) is not a recurrent layer; the model's layers are \(kinds)")
            }
            return layer
        }
        let recurrent = model.layers.compactMap { $0 as? RecurrentLayer }
        guard let layer = lstm ? recurrent.first(where: { $0 is LSTM }) ?? recurrent.first : recurrent.first else {
            throw HostError("the model has no SimpleRNN, LSTM or GRU layer whose hidden states could be shown")
        }
        return layer
    }
}
