import Charts
import Datasets
import Learn
import Script
import Tensor

/// What a trained image model looks at and gets wrong: `model.saliency(data)`,
/// `model.occlusion(data, patch: 4)`, `model.misclassified(data)` and `pca(data)` projections,
/// plus `compare([…])` across models. The functions below read the model and the data for the
/// charts declared in `ModelCharts` and `ChartBindings`; Charts draws them.
enum AnalysisBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        ComparisonBinding.install(interpreter, types: types)
        PointBindings.install(interpreter, types: types, session: session)
    }

    static let indicesParameter = Script.Parameter.labeled("indices", .array(.int), default: .ints(Array(0..<8)))

    /// `model.saliency(data, indices:)`: the logit gradient of the predicted class per pixel.
    static func saliency(_ model: Sequential, _ args: Arguments) throws -> SensitivityGrid {
        let (data, indices) = try dataAndIndices(args)
        let maps = try model.saliency(try SampleBatch(data, indices).inputs)
        return try sensitivityGrid(data, indices, maps, method: .saliency, args)
    }

    /// `model.occlusion(data, patch:, stride:, fill:)`: the drop in the predicted class's
    /// probability when a patch is hidden.
    static func occlusion(_ model: Sequential, _ args: Arguments) throws -> SensitivityGrid {
        let (data, indices) = try dataAndIndices(args)
        let patch = try LayerBindings.positive(args, "patch")
        let stride = args["stride"].intValue ?? max(1, patch / 2)
        guard stride > 0 else { throw HostError("occlusion needs stride of at least 1, got \(stride)") }
        let maps = try indices.map { index -> SensitivityMap in
            let image = data.image(at: index)
            // The background: the darkest value.
            let fill = args["fill"].doubleValue.map(Float.init) ?? image.min() ?? 0
            let input = try Tensor(shape: data.sampleShape, scalars: image)
            var map = try model.occlusion(input, patch: patch, stride: stride, fill: fill)
            map.values = map.values.map { max(0, $0) }  // show what supports the class; rises are not drawn
            return map
        }
        return try sensitivityGrid(data, indices, maps, method: .occlusion(patch: patch), args)
    }

    /// `model.misclassified(data, top:)`: the most confident mistakes.
    static func mistakes(_ model: Sequential, _ args: Arguments) throws -> MistakeGrid {
        guard let data = args["data"].object(as: DatasetBox.self)?.data else {
            throw HostError("misclassified needs a dataset")
        }
        let all = try model.misclassified(data, top: data.count)
        let shown = try all.prefix(try LayerBindings.positive(args, "top")).map { mistake in
            MistakeGrid.Mistake(image: try grayImage(data, mistake.index), label: mistake.label,
                                predicted: mistake.predicted, confidence: Double(mistake.confidence))
        }
        return MistakeGrid(mistakes: shown, totalMistakes: all.count, sampleCount: data.count,
                           classNames: data.classNames, title: args.string("title"))
    }

    /// `model.pca(data, layer:, count:)`: the activations after `layer`, projected.
    static func hiddenProjection(_ model: Sequential, _ args: Arguments) throws -> ProjectionChart {
        let source = try PlotSource(args["data"])
        let layer = args.int("layer")
        let (inputs, labels) = try source.sample(count: try LayerBindings.positive(args, "count"))
        let activations = try model.activations(inputs, throughLayer: layer)
        return try projection(activations, labels: labels, names: source.classNames,
                              source: "layer \(layer) (\(model.layers[layer].typeName))", args)
    }

    /// Rows projected onto their first two principal components.
    static func projection(_ rows: Tensor, labels: [Int], names: [String], source: String,
                           _ args: Arguments) throws -> ProjectionChart {
        let pca = try PCA(fitting: rows, components: 2)
        let projected = try pca.transform(rows)
        let ratio = pca.explainedVarianceRatio
        return ProjectionChart(x: labels.indices.map { Double(projected[flat: 2 * $0]) },
                               y: labels.indices.map { Double(projected[flat: 2 * $0 + 1]) },
                               classes: labels, classNames: names, explainedVariance: (ratio[0], ratio[1]),
                               source: source, title: args.string("title"))
    }

    /// The dataset argument and the checked `indices:` into it.
    private static func dataAndIndices(_ args: Arguments) throws -> (ImageDataset, [Int]) {
        guard let data = args["data"].object(as: DatasetBox.self)?.data else { throw HostError("expected a dataset") }
        let indices = args.array("indices").compactMap(\.intValue)
        guard !indices.isEmpty else {
            throw HostError("indices is empty; pass the positions of the images to explain, e.g. indices: [0, 1, 2]")
        }
        if let bad = indices.first(where: { $0 < 0 || $0 >= data.count }) {
            throw HostError("index \(bad) is outside the dataset's 0..<\(data.count)")
        }
        return (data, indices)
    }

    /// One map per image, with the image, its prediction and its label.
    private static func sensitivityGrid(_ data: ImageDataset, _ indices: [Int], _ maps: [SensitivityMap],
                                        method: SensitivityMethod, _ args: Arguments) throws -> SensitivityGrid {
        let samples = try zip(indices, maps).map { index, map in
            SensitivityGrid.Sample(image: try grayImage(data, index), heat: map.values, predicted: map.predicted,
                                   label: data.label(at: index))
        }
        return SensitivityGrid(samples: samples, method: method, classNames: data.classNames,
                               title: args.string("title"))
    }

    /// Image `index` as a grey picture (channels averaged; contrast stretched to its own range).
    static func grayImage(_ data: ImageDataset, _ index: Int) throws -> RasterImage {
        let shape = data.sampleShape
        let (height, width) = (shape[0], shape.count > 1 ? shape[1] : 1)
        return try RasterImage(averaging: data.image(at: index), channels: shape.count > 2 ? shape[2] : 1,
                               width: width, height: height)
    }
}
