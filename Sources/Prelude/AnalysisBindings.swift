import CellOutput
import Charts
import Datasets
import Foundation
import Learn
import Script
import Tensor

/// What a trained image model looks at and gets wrong: `model.saliency(data)`,
/// `model.occlusion(data, patch: 4)`, `model.misclassified(data)`, plus `compare([…])` across
/// models and `pca(data)` projections.
enum AnalysisBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        let model = types.model
        let chart = { (box: ChartBox) in Value.object(box, type: types.chart) }
        model.method("saliency", [.positional("data", .object("Dataset")), indicesParameter]
                     + chartParameters(title: "Saliency maps", width: 820, height: nil)) { (model: Sequential, args) in
            let (data, indices) = try dataAndIndices(args)
            let maps = try model.saliency(try SampleBatch(data, indices).inputs)
            return chart(try overlayGrid(data, indices, maps, args: args,
                                         subtitle: "red: |∂ score / ∂ pixel| for the predicted class (logit gradient)"))
        }
        model.method("occlusion", [.positional("data", .object("Dataset")), indicesParameter,
                                   .labeled("patch", .int, default: .int(4)), .labeled("stride", .optional(.int), default: .nil),
                                   .labeled("fill", .optional(.double), default: .nil)]
                     + chartParameters(title: "Occlusion sensitivity", width: 820, height: nil)) { (model: Sequential, args) in
            let (data, indices) = try dataAndIndices(args)
            let patch = try LayerBindings.positive(args, "patch")
            let stride = args["stride"].intValue ?? max(1, patch / 2)
            guard stride > 0 else { throw HostError("occlusion needs stride of at least 1, got \(stride)") }
            let maps = try indices.map { index -> SensitivityMap in
                let image = data.image(at: index)
                let fill = args["fill"].doubleValue.map(Float.init) ?? image.min() ?? 0  // the background: the darkest value
                var map = try model.occlusion(Tensor(shape: data.sampleShape, scalars: image), patch: patch, stride: stride, fill: fill)
                map.values = map.values.map { max(0, $0) }  // show what supports the class; rises are not drawn
                return map
            }
            return chart(try overlayGrid(data, indices, maps, args: args,
                                         subtitle: "red: drop in the predicted class's probability when a \(patch)×\(patch) patch is hidden"))
        }
        model.method("misclassified", [.positional("data", .object("Dataset")), .labeled("top", .int, default: .int(12))]
                     + chartParameters(title: "Most confident mistakes", width: 820, height: nil)) { (model: Sequential, args) in
            guard let data = args["data"].object(as: DatasetBox.self)?.data else { throw HostError("misclassified needs a dataset") }
            let all = try model.misclassified(data, top: data.count)
            let top = Array(all.prefix(try LayerBindings.positive(args, "top")))
            guard !top.isEmpty else {
                return .object(ReportBox(Table(title: args.string("title"), header: ["samples", "mistakes"],
                                               rows: [[String(data.count), "0"]], numericColumns: [0, 1])), type: types.report)
            }
            let tiles = try top.map { mistake in
                ImageTile(image: try grayImage(data, mistake.index),
                          caption: "true \(name(data, mistake.label)) · pred \(name(data, mistake.predicted))",
                          cornerLabel: "\(Int((mistake.confidence * 100).rounded()))%", highlighted: true)
            }
            let subtitle = "\(top.count) of \(all.count) mistakes on \(data.count) samples, most confident first (corner: confidence)"
            let grid = ImageGrid(tiles: tiles, title: args.string("title"), subtitle: subtitle, columns: balancedColumns(tiles.count))
            return chart(ChartBox(title: args.string("title"), svg: try grid.svg(width: args.double("width"), height: args["height"].doubleValue)))
        }
        model.method("pca", [.positional("data", .any), .labeled("layer", .int), .labeled("count", .int, default: .int(1000))]
                     + chartParameters(title: "PCA of hidden activations", width: 640, height: 480)) { (model: Sequential, args) in
            let source = try PlotSource(args["data"])
            let layer = args.int("layer")
            let (inputs, labels) = try source.sample(count: try LayerBindings.positive(args, "count"))
            let activations = try model.activations(inputs, throughLayer: layer)
            return chart(try pcaChart(activations, labels: labels, names: source.classNames, args: args,
                                      note: "layer \(layer) (\(model.layers[layer].typeName))"))
        }
        interpreter.register(function: "pca", [.positional("data", .any), .labeled("count", .int, default: .int(1000))]
                             + chartParameters(title: "PCA projection", width: 640, height: 480)) { args in
            let source = try PlotSource(args["data"])
            let (inputs, labels) = try source.sample(count: try LayerBindings.positive(args, "count"))
            return chart(try pcaChart(inputs, labels: labels, names: source.classNames, args: args, note: "inputs"))
        }
        ComparisonBinding.install(interpreter, types: types)
        PointBindings.install(interpreter, types: types, session: session)
    }

    static let indicesParameter = Script.Parameter.labeled("indices", .array(.int), default: .ints(Array(0..<8)))

    /// The dataset argument and the checked `indices:` into it.
    private static func dataAndIndices(_ args: Arguments) throws -> (ImageDataset, [Int]) {
        guard let data = args["data"].object(as: DatasetBox.self)?.data else { throw HostError("expected a dataset") }
        let indices = args.array("indices").compactMap(\.intValue)
        guard !indices.isEmpty else { throw HostError("indices is empty; pass the positions of the images to explain, e.g. indices: [0, 1, 2]") }
        if let bad = indices.first(where: { $0 < 0 || $0 >= data.count }) {
            throw HostError("index \(bad) is outside the dataset's 0..<\(data.count)")
        }
        return (data, indices)
    }

    /// One heat overlay per image: caption "pred 7 · true 7" (red when wrong), the prediction in the corner.
    private static func overlayGrid(_ data: ImageDataset, _ indices: [Int], _ maps: [SensitivityMap], args: Arguments,
                                    subtitle: String) throws -> ChartBox {
        let tiles = try zip(indices, maps).map { index, map -> ImageTile in
            let label = data.label(at: index)
            let overlay = try HeatOverlay.blend(image: try grayImage(data, index), heat: map.values)
            return ImageTile(image: overlay, caption: "pred \(name(data, map.predicted)) · true \(name(data, label))",
                             cornerLabel: name(data, map.predicted), highlighted: map.predicted != label)
        }
        let grid = ImageGrid(tiles: tiles, title: args.string("title"), subtitle: subtitle, columns: balancedColumns(tiles.count))
        return ChartBox(title: args.string("title"), svg: try grid.svg(width: args.double("width"), height: args["height"].doubleValue))
    }

    /// Image `index` as a grey picture (channels averaged; contrast stretched to its own range).
    static func grayImage(_ data: ImageDataset, _ index: Int) throws -> RasterImage {
        let shape = data.sampleShape
        let (height, width) = (shape[0], shape.count > 1 ? shape[1] : 1)
        let channels = max(1, data.store.sampleSize / (height * width))
        let pixels = data.image(at: index)
        let gray = (0..<(height * width)).map { p in (0..<channels).reduce(Float(0)) { $0 + pixels[p * channels + $1] } / Float(channels) }
        return try RasterImage(gray: gray, width: width, height: height, range: nil)
    }

    /// Columns for `count` tiles: rows of at most 6, as evenly filled as possible (10 → 2 × 5).
    static func balancedColumns(_ count: Int) -> Int {
        let rows = (count + 5) / 6
        return max(1, (count + rows - 1) / max(rows, 1))
    }

    private static func name(_ data: ImageDataset, _ label: Int) -> String {
        label < data.classNames.count ? data.classNames[label] : String(label)
    }

    /// Rows projected onto their first two principal components, coloured by class.
    private static func pcaChart(_ rows: Tensor, labels: [Int], names: [String], args: Arguments, note: String) throws -> ChartBox {
        let pca = try PCA(fitting: rows, components: 2)
        let projected = try pca.transform(rows)
        let ratio = pca.explainedVarianceRatio.map { String(format: "%.1f%%", $0 * 100) }
        let title = args.string("title")
        let scatter = ScatterChart(x: (0..<labels.count).map { Double(projected[flat: 2 * $0]) },
                                   y: (0..<labels.count).map { Double(projected[flat: 2 * $0 + 1]) },
                                   coloring: .classes(labels, names: names), xLabel: "PC1 (\(ratio[0]) of variance)",
                                   yLabel: "PC2 (\(ratio[1]))", title: title, subtitle: "\(labels.count) samples · \(note)")
        return ChartBox(title: title, svg: try scatter.svg(width: args.double("width"), height: args.double("height")))
    }
}

/// Inputs as one tensor — [N] + sampleShape — and their labels, read through `fillBatch`.
struct SampleBatch {
    let inputs: Tensor
    let labels: [Int32]

    /// Image datasets are read without their augmentation: the analysis explains the real images.
    init(_ data: LabeledBatches, _ indices: [Int]) throws {
        var inputs = Tensor(zeros: [indices.count] + data.sampleShape)
        var labels = [Int32](repeating: 0, count: indices.count)
        if let images = data as? ImageDataset {
            let size = images.store.sampleSize, p = inputs.mutablePointer
            for (k, index) in indices.enumerated() {
                (p + k * size).update(from: images.image(at: index), count: size)
                labels[k] = Int32(images.label(at: index))
            }
        } else {
            labels.withUnsafeMutableBufferPointer { data.fillBatch(indices: indices[...], inputs: inputs.mutablePointer, labels: $0.baseAddress!) }
        }
        self.inputs = inputs
        self.labels = labels
    }
}

/// A dataset argument that may be images or points, for functions that take either.
struct PlotSource {
    let data: LabeledBatches
    let classNames: [String]

    init(_ value: Value) throws {
        if let box = value.object(as: DatasetBox.self) {
            data = box.data; classNames = box.data.classNames
        } else if let box = value.object(as: PointsBox.self) {
            data = box.data; classNames = box.classNames
        } else {
            throw HostError("expected a Dataset or Points value, found \(value.typeName)")
        }
    }

    /// Up to `count` samples spread evenly over the data (not just the first ones).
    func sample(count: Int) throws -> (Tensor, [Int]) {
        guard data.count >= 2 else { throw HostError("need at least 2 samples for a projection, found \(data.count)") }
        let n = min(count, data.count)
        let indices = (0..<n).map { $0 * data.count / n }
        let batch = try SampleBatch(data, indices)
        return (batch.inputs, batch.labels.map(Int.init))
    }
}
