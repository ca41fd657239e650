import CellOutput
import Learn
import Script
import Tensor

/// Unit values as a table a cell can compute with: `model.activations(data, layer: 0)` (one row
/// per sample; per sample and step when a layer outputs every step of a sequence) and
/// `model.states(data, index: 0, layer: nil, of: .hidden)`, a recurrent layer's hidden (or LSTM
/// cell) state at each step of one sample, the numbers `hiddenStates` and `cellStates` draw.
/// `.values` is [[Double]], one column per unit, named by `.header`; `.symbols` are the symbols read.
enum UnitTables {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        let type = HostType("Activations")
        interpreter.register(type)
        type.description { (box: UnitTable) in box.table.plainText }
        type.property("values") { (box: UnitTable) in .array(box.values.map(Value.doubles)) }
        type.property("header") { (box: UnitTable) in .strings(box.header) }
        type.property("count") { (box: UnitTable) in .int(box.values.count) }
        type.property("symbols") { (box: UnitTable) in .strings(box.column("symbol") ?? []) }
        types.model.method("activations", [.positional("data", .any), .labeled("layer", .int)]) {
            (model: Sequential, args) in .object(try activations(model, args), type: type)
        }
        types.model.method("states", [.positional("data", .any), .labeled("index", .int, default: .int(0)),
                                      .labeled("layer", .optional(.int), default: .nil),
                                      .labeled("of", .oneOf("StateKind", StateKind.allCases.map(\.rawValue)),
                                               default: .symbol("hidden"))]) { (model: Sequential, args) in
            .object(try states(model, args), type: type)
        }
    }

    /// Layer `layer`'s output for every sample; for sequences whose layer outputs [steps, units],
    /// one row per sample and step, with the symbol read at that step.
    static func activations(_ model: Sequential, _ args: Arguments) throws -> UnitTable {
        let value = args["data"], sequences = value.object(as: SequencesBox.self)
        let data = try sequences.map { $0.batches } ?? {
            guard value.object(as: DatasetBox.self) != nil || value.object(as: PointsBox.self) != nil else {
                throw HostError("activations: expected a Dataset, Points or Sequences value, found \(value.typeName)")
            }
            return try PlotSource(value).data
        }()
        let batch = try SampleBatch(data, Array(0..<data.count))
        let layer = args.int("layer")
        let out = try model.activations(batch.inputs, throughLayer: layer)
        let title = "Activations of layer \(layer) (\(model.layers[layer].name), \(model.layers[layer].typeName))"
        let n = data.count, scalars = out.scalars
        guard let sequences, out.shape.count == 3, out.shape[1] == sequences.data.steps else {
            let units = out.count / max(n, 1)
            let values = (0..<n).map { i in (0..<units).map { Double(scalars[i * units + $0]) } }
            return UnitTable(values: values, header: unitNames("H", units), title: title,
                             labels: [TableLabel("sample", (0..<n).map(String.init))])
        }
        let (steps, units) = (out.shape[1], out.shape[2])
        let values = (0..<(n * steps)).map { r in (0..<units).map { Double(scalars[r * units + $0]) } }
        let texts = (0..<n).map { Array(sequences.data.string(at: $0)) }
        let symbols = (0..<(n * steps)).map { r in
            let text = texts[r / steps]
            return r % steps < text.count ? String(text[r % steps]) : ""
        }
        return UnitTable(values: values, header: unitNames("H", units), title: title + ", every step",
                         labels: [TableLabel("sample", (0..<(n * steps)).map { String($0 / steps) }),
                                  TableLabel("step", (0..<(n * steps)).map { String($0 % steps + 1) }),
                                  TableLabel("symbol", symbols, numeric: false)])
    }

    /// One row per step of sample `index`: the state after reading that step's input.
    static func states(_ model: Sequential, _ args: Arguments) throws -> UnitTable {
        let kind = StateKind(rawValue: args.symbol("of") ?? "") ?? .hidden
        let run = try StateRecording(model, args, of: kind)
        var labels = [TableLabel("step", (1...run.steps).map(String.init))]
        if let symbols = run.symbols {
            labels.append(TableLabel("symbol", symbols.indices.map { symbols.names[$0] }, numeric: false))
        }
        return UnitTable(values: run.byStep.map { $0.map(Double.init) }, header: unitNames(kind.prefix, run.units),
                         title: "\(kind == .cell ? "Cell" : "Hidden") states of \(run.subtitle)", labels: labels)
    }

    private static func unitNames(_ prefix: String, _ count: Int) -> [String] {
        (0..<count).map { "\(prefix)\($0 + 1)" }
    }
}

/// A leading column of a unit table: the sample, the step or the symbol read.
struct TableLabel {
    let name: String
    let values: [String]
    let numeric: Bool
    init(_ name: String, _ values: [String], numeric: Bool = true) {
        self.name = name; self.values = values; self.numeric = numeric
    }
}

/// Rows of unit values after their label columns (H1…Hn, as coursework names hidden units; h1…hn
/// or c1…cn for recurrent states).
final class UnitTable: Displayable {
    let values: [[Double]]
    let header: [String]
    let title: String
    let labels: [TableLabel]

    init(values: [[Double]], header: [String], title: String, labels: [TableLabel]) {
        self.values = values; self.header = header; self.title = title; self.labels = labels
    }

    func column(_ name: String) -> [String]? { labels.first { $0.name == name }?.values }

    var table: Table {
        let numeric = labels.indices.filter { labels[$0].numeric } + header.indices.map { $0 + labels.count }
        return Table(title: title, header: labels.map(\.name) + header,
                     rows: values.indices.map { i in labels.map { $0.values[i] } + values[i].map { formatNumber($0) } },
                     numericColumns: Set(numeric))
    }

    func display() -> [Output] { [.table(table)] }
}
