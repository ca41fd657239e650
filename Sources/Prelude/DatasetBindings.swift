import CellOutput
import Charts
import Datasets
import Foundation
import Script

/// A dataset inside the cell language. Datasets are values in Swift, so transforms return new boxes.
final class DatasetBox: Displayable {
    let data: ImageDataset
    init(_ data: ImageDataset) { self.data = data }

    func display() -> [Output] {
        let shape = data.sampleShape.map(String.init).joined(separator: "×")
        return [.table(Table(title: "Dataset \(data.name)", header: ["samples", "shape", "classes"],
                             rows: [[String(data.count), shape, String(data.classCount)]], numericColumns: [0, 2]))]
    }
}

/// A train/test pair, as the named datasets come.
final class SplitsBox: Displayable {
    let splits: ImageSplits
    init(_ splits: ImageSplits) { self.splits = splits }

    func display() -> [Output] { [.table(Table(splits.summary()))] }
}

/// `fashionMNIST()`, `mnist5k()`, `Datasets.load(…)` and the methods of datasets.
enum DatasetBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        let wrap = { (data: ImageDataset) in Value.object(DatasetBox(data), type: types.dataset) }
        let wrapSplits = { (splits: ImageSplits) in Value.object(SplitsBox(splits), type: types.splits) }
        let namespace = interpreter.namespace("Datasets")
        // The named datasets are both global (`fashionMNIST()`) and in the namespace (`Datasets.fashionMNIST()`).
        let path = [Script.Parameter.labeled("path", .string)]
        for register in [namespace.function, { interpreter.register(function: $0, $1, $2) }] {
            register("fashionMNIST", []) { _ in wrapSplits(try Datasets.fashionMNIST()) }
            register("mnist5k", []) { _ in wrap(try Datasets.mnist5k()) }
            register("mnist", path) { args in wrapSplits(try Datasets.mnist(path: args.string("path"))) }
            register("kmnist", path) { args in wrapSplits(try Datasets.kmnist(path: args.string("path"))) }
            register("load", loadParameters) { args in
                wrap(try Datasets.load(args.string("path"), format: args.symbol("format").flatMap(DataFormat.init),
                                       options: try loadOptions(args)))
            }
        }
        installSplits(types: types)
        installDataset(types: types, session: session, wrap: wrap)
        DatasetBuildingBindings.install(interpreter, types: types)
    }

    /// `load(path, format:, labels:, labelColumn:, oneHotLabels:, shape:, intensity:)`.
    static let loadParameters: [Script.Parameter] = [
        .positional("path", .string),
        .labeled("format", .optional(.oneOf("DataFormat", DataFormat.allCases.map(\.rawValue))), default: .nil),
        .labeled("labels", .any, default: .nil),
        .labeled("labelColumn", .any, default: .nil),
        .labeled("oneHotLabels", .optional(.int), default: .nil),
        .labeled("shape", .optional(.array(.int)), default: .nil),
        .labeled("intensity", .optional(.double), default: .nil),
    ]

    /// The reader options a `load` call asks for.
    static func loadOptions(_ args: Arguments) throws -> LoadOptions {
        var options = LoadOptions()
        options.labelColumn = try labelColumn(args["labelColumn"])
        options.oneHotLabels = args["oneHotLabels"].intValue
        try labels(args["labels"], into: &options)
        options.shape = args.isNil("shape") ? nil : args.array("shape").compactMap(\.intValue)
        options.intensity = args["intensity"].doubleValue.map(Float.init)
        return options
    }

    /// `labels: "labels.idx"` (a separate labels file) or `labels: .oneHot(columns: 10)` (the last ten
    /// columns are a one-hot label; the same as `oneHotLabels: 10`).
    static func labels(_ value: Value, into options: inout LoadOptions) throws {
        if case .string(let path) = value {
            options.labelsPath = path
        } else if let (name, values) = value.caseAndValues, name == "oneHot", values.count == 1,
                  case .int(let columns)? = values["columns"] {
            options.oneHotLabels = columns
        } else if !value.isNil {
            throw HostError("labels: takes a labels file's path, such as \"train-labels.idx1-ubyte\", or "
                            + ".oneHot(columns: 10) for one-hot label columns; got '\(value.description)'")
        }
    }

    /// `labelColumn: .first`, `.last`, an index (negative counts from the end) or a header name.
    static func labelColumn(_ value: Value) throws -> LabelColumn? {
        switch value {
        case .nil: return nil
        case .symbol("first"): return .first
        case .symbol("last"): return .last
        case .int(let index): return .index(index)
        case .string(let name): return .name(name)
        default:
            throw HostError("labelColumn: takes .first, .last, a column index such as 0 or -1, or a header name "
                            + "such as \"label\"; got '\(value.description)'")
        }
    }

    private static func installSplits(types: PreludeTypes) {
        let splits = types.splits
        splits.property("train") { (box: SplitsBox) in .object(DatasetBox(box.splits.train), type: types.dataset) }
        splits.property("test") { (box: SplitsBox) in
            box.splits.test.map { .object(DatasetBox($0), type: types.dataset) } ?? .nil
        }
        splits.method("check") { (box: SplitsBox, _) in .object(ReportBox(Table(box.splits.check().table)),
                                                                type: types.report) }
        splits.method("summary") { (box: SplitsBox, _) in .object(ReportBox(Table(box.splits.summary())),
                                                                  type: types.report) }
    }

    private static func installDataset(types: PreludeTypes, session: Session, wrap: @escaping (ImageDataset) -> Value) {
        let dataset = types.dataset
        dataset.description { (box: DatasetBox) in "<Dataset \(box.data.name): \(box.data.count) samples>" }
        dataset.property("count") { (box: DatasetBox) in .int(box.data.count) }
        dataset.property("shape") { (box: DatasetBox) in .ints(box.data.sampleShape) }
        dataset.property("classCount") { (box: DatasetBox) in .int(box.data.classCount) }
        dataset.property("classNames") { (box: DatasetBox) in .strings(box.data.classNames) }
        dataset.property("labels") { (box: DatasetBox) in .ints(box.data.labels.map(Int.init)) }

        dataset.method("split", [.positional("fraction", .double), .labeled("stratified", .bool, default: .bool(false)),
                                 .labeled("shuffle", .bool, default: .bool(true))]) { (box: DatasetBox, args) in
            let (first, second) = try box.data.split(args.double("fraction"), stratified: args.bool("stratified"),
                                                      shuffle: args.bool("shuffle"), seed: session.nextSeed())
            return .tuple([wrap(first), wrap(second)])
        }
        dataset.method("balanced", [.positional("strategy", .oneOf("BalanceStrategy", ["oversample", "undersample"]),
                                                default: .symbol("oversample"))]) { (box: DatasetBox, args) in
            wrap(box.data.balanced(args.symbol("strategy") == "undersample" ? .undersample : .oversample,
                                   seed: session.nextSeed()))
        }
        dataset.method("shuffled") { (box: DatasetBox, _) in wrap(box.data.shuffled(seed: session.nextSeed())) }
        dataset.method("take", [.positional("count", .int)]) { (box: DatasetBox, args) in
            guard args.int("count") >= 0 else {
                throw HostError("take needs a count of 0 or more, got \(args.int("count"))")
            }
            return wrap(box.data.take(args.int("count")))
        }
        dataset.method("filter", [.labeled("classes", .array(.int))]) { (box: DatasetBox, args) in
            wrap(box.data.filter(classes: Set(args.array("classes").compactMap(\.intValue))))
        }
        dataset.method("scaled", [.positional("range", .oneOf("PixelScaling", ["unit", "symmetric",
                                                                               "raw"]))]) { (box: DatasetBox, args) in
            let scaling: PixelScaling = args.symbol("range") == "symmetric" ? .symmetric
                : args.symbol("range") == "raw" ? .raw : .unit
            return wrap(box.data.scaled(scaling))
        }
        dataset.method("standardized") { (box: DatasetBox, _) in wrap(box.data.standardized()) }
        dataset.method("binarized", [.labeled("threshold", .double, default: .double(0.5))]) { (box: DatasetBox,
                                                                                                args) in
            wrap(box.data.binarized(threshold: Float(args.double("threshold"))))
        }
        dataset.method("augmented", [.labeled("maxShift", .int, default: .int(2)),
                                     .labeled("maxRotation", .double, default: .double(10))]) { (box: DatasetBox,
                                                                                                 args) in
            wrap(box.data.augmented(maxShift: args.int("maxShift"), maxRotation: args.double("maxRotation"),
                                    seed: session.nextSeed()))
        }
        dataset.method("labelCounts", chartParameters(title: "Label distribution")) { (box: DatasetBox, args) in
            let distribution = box.data.labelCounts()
            let bars = try BarChart.labelDistribution(counts: distribution.counts, classNames: box.data.classNames,
                                                      title: args.string("title"))
            let chart = ChartBox(title: args.string("title"), svg: try bars.svg(width: args.double("width"),
                                                                                height: args.double("height")))
            return .object(ReportBox(Table(distribution.table), chart: chart), type: types.report)
        }
        dataset.method("check") { (box: DatasetBox, _) in
            .object(ReportBox(Table(box.data.check(split: box.data.name).table)), type: types.report)
        }
        dataset.method("samples", [.labeled("perClass", .int,
                                            default: .int(6))] + chartParameters(title: "Samples per class",
                                                                                 height: nil)) { (box: DatasetBox,
                                                                                                  args) in
            try .object(samplesChart(box.data, perClass: args.int("perClass"), args: args), type: types.chart)
        }
    }

    /// A grid of `perClass` images of each class, one row per class.
    private static func samplesChart(_ data: ImageDataset, perClass: Int, args: Arguments) throws -> ChartBox {
        guard perClass > 0 else { throw HostError("samples needs perClass of at least 1, got \(perClass)") }
        let (height, width) = (data.sampleShape[0], data.sampleShape.count > 1 ? data.sampleShape[1] : 1)
        var tiles: [ImageTile] = []
        for (label, positions) in data.examples(perClass: perClass).enumerated() {
            for position in positions {
                // The first channel: all three are the same after rgb().
                let pixels = data.image(at: position)
                let channels = data.sampleShape.count > 2 ? data.sampleShape[2] : 1
                let grey = stride(from: 0, to: height * width * channels, by: channels).map { pixels[$0] }
                let image = try RasterImage(gray: grey, width: width, height: height, range: nil)
                tiles.append(ImageTile(image: image, caption: data.classNames[label]))
            }
        }
        let title = args.string("title")
        let grid = ImageGrid(tiles: tiles, title: title, columns: perClass)
        return ChartBox(title: title, svg: try grid.svg(width: args.double("width"),
                                                        height: args["height"].doubleValue))
    }
}

/// The `title:`, `width:` and `height:` every chart function takes.
func chartParameters(title: String, width: Double = 640, height: Double? = 380) -> [Script.Parameter] {
    [.labeled("title", .string, default: .string(title)), .labeled("width", .double, default: .double(width)),
     .labeled("height", height == nil ? .optional(.double) : .double, default: height.map(Value.double) ?? .nil)]
}
