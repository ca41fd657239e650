import CellOutput
import Charts
import Datasets
import Foundation
import Learn
import Script
import Tensor

/// A 2-D toy dataset inside the cell language (`Datasets.spirals(count: 100)`).
final class PointsBox: Displayable {
    let data: PointDataset
    init(_ data: PointDataset) { self.data = data }

    var classNames: [String] { (0..<data.classCount).map { "class \($0)" } }

    func display() -> [Output] {
        [.table(Table(title: "Points \(data.name)", header: ["samples", "shape", "classes"],
                      rows: [[String(data.count), "2", String(data.classCount)]], numericColumns: [0, 2]))]
    }

    func scatter(title: String, width: Double, height: Double) throws -> ChartBox {
        let chart = ScatterChart(x: (0..<data.count).map { Double(data.point(at: $0).x) },
                                 y: (0..<data.count).map { Double(data.point(at: $0).y) },
                                 coloring: .classes(data.labels.map(Int.init),
                                                    names: classNames), xLabel: "x", yLabel: "y", title: title)
        return ChartBox(title: title, svg: try chart.svg(width: width, height: height))
    }
}

/// `Datasets.xor/spirals/blobs/points`, points' methods, and the plane
/// pictures of small MLPs: `model.decisionRegions(points)` and `model.hiddenUnits(points, layer:)`.
enum PointBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes, session: Session) {
        let type = HostType("Points")
        interpreter.register(type)
        let wrap = { (data: PointDataset) in Value.object(PointsBox(data), type: type) }
        let namespace = interpreter.namespace("Datasets")
        namespace.function("xor", [.labeled("count", .int, default: .int(200)), .labeled("noise", .double,
                                                                                         default: .double(0))]) { args in
            wrap(try ToySets.xor(count: args.int("count"), noise: Float(args.double("noise")),
                                 seed: session.nextSeed()))
        }
        namespace.function("spirals", [.labeled("count", .int, default: .int(100)), .labeled("turns", .double,
                                                                                             default: .double(1.5)),
                                       .labeled("noise", .double, default: .double(0))]) { args in
            wrap(try ToySets.twoSpirals(count: args.int("count"), turns: args.double("turns"),
                                        noise: Float(args.double("noise")),
                                        seed: session.nextSeed()))
        }
        namespace.function("blobs", [.labeled("count", .int, default: .int(100)), .labeled("classes", .int,
                                                                                           default: .int(3)),
                                     .labeled("spread", .double, default: .double(0.2))]) { args in
            wrap(try ToySets.blobs(countPerClass: args.int("count"), classCount: args.int("classes"),
                                   spread: Float(args.double("spread")),
                                   seed: session.nextSeed()))
        }
        namespace.function("points", [.labeled("x", .array(.double)), .labeled("y", .array(.double)),
                                      .labeled("labels", .array(.int))]) { args in
            let (x, y) = (args.array("x").compactMap(\.doubleValue), args.array("y").compactMap(\.doubleValue))
            let labels = args.array("labels").compactMap(\.intValue)
            guard x.count == y.count, x.count == labels.count, !x.isEmpty else {
                throw HostError("points needs as many x, y and labels, at least one each; got \(x.count) x, "
                                + "\(y.count) y and \(labels.count) labels")
            }
            if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= ClassLimit.maximum }) {
                throw HostError("points needs labels from 0 to \(ClassLimit.maximum - 1), got \(labels[bad]) "
                                + "at index \(bad)")
            }
            return wrap(try PointDataset(points: zip(x, y).flatMap { [Float($0), Float($1)] },
                                         labels: labels.map { Int32($0) }, classCount: (labels.max() ?? 0) + 1,
                                         name: "points"))
        }
        type.description { (box: PointsBox) in "<Points \(box.data.name): \(box.data.count) samples>" }
        type.property("count") { (box: PointsBox) in .int(box.data.count) }
        type.property("classCount") { (box: PointsBox) in .int(box.data.classCount) }
        type.property("labels") { (box: PointsBox) in .ints(box.data.labels.map(Int.init)) }
        type.method("split", [.positional("fraction", .double)]) { (box: PointsBox, args) in
            let fraction = args.double("fraction")
            guard fraction > 0, fraction < 1 else { throw HostError("split needs a fraction between 0 and 1, got \(fraction)") }
            var generator = SeededGenerator(seed: session.nextSeed())
            let order = Array(0..<box.data.count).shuffled(using: &generator)
            let cut = Int((Double(order.count) * fraction).rounded())
            return .tuple([wrap(box.data.subset(Array(order[..<cut]))), wrap(box.data.subset(Array(order[cut...])))])
        }
        type.method("plot", chartParameters(title: "Points", width: 480, height: 440)) { (box: PointsBox, args) in
            .object(try box.scatter(title: args.string("title"), width: args.double("width"),
                                    height: args.double("height")), type: types.chart)
        }
        installModel(types: types, session: session)
    }

    private static func installModel(types: PreludeTypes, session: Session) {
        let model = types.model
        model.method("decisionRegions", [.positional("data", .object("Points")), .labeled("resolution", .int,
                                                                                          default: .int(120))]
                     + chartParameters(title: "Decision regions", width: 480, height: 500)) { (model: Sequential,
                                                                                               args) in
            guard let box = args["data"].object(as: PointsBox.self) else { throw HostError("decisionRegions needs points") }
            let grid = try PlaneGrid(covering: box.data.points, resolution: try resolution(args))
            let (classes, confidence) = try model.decisionRegions(over: grid)
            let accuracy = try model.evaluate(box.data).accuracy
            let chart = DecisionRegionChart(grid: grid, classes: classes, confidence: confidence, points: box.data,
                                            classNames: box.classNames, title: args.string("title"),
                                            subtitle: String(format: "accuracy %.1f%% on these %d points · paler = less confident",
                                                             accuracy * 100, box.data.count))
            return .object(ChartBox(title: args.string("title"), svg: try chart.svg(width: args.double("width"),
                                                                                    height: args.double("height"))),
                           type: types.chart)
        }
        model.method("hiddenUnits", [.positional("data", .object("Points")), .labeled("layer", .int, default: .int(0)),
                                     .labeled("resolution", .int, default: .int(48))]
                     + chartParameters(title: "Hidden units over the input plane", height: nil)) { (model: Sequential,
                                                                                                    args) in
            guard let box = args["data"].object(as: PointsBox.self) else { throw HostError("hiddenUnits needs points") }
            let grid = try PlaneGrid(covering: box.data.points, resolution: try resolution(args))
            let layer = args.int("layer")
            let maps = try model.hiddenUnitMaps(over: grid, layer: layer)
            let tiles = try maps.enumerated().map { unit, values in
                ImageTile(image: try RasterImage.colorMapped(values.map(Double.init), width: grid.resolution,
                                                             height: grid.resolution),
                          caption: "unit \(unit + 1)", cornerLabel: values.min() == values.max() ? "const" : nil)
            }
            let subtitle = "layer \(layer) (\(model.layers[layer].typeName), \(maps.count) units) · viridis, each unit its own range · "
                + String(format: "x %.1f…%.1f, y %.1f…%.1f", grid.xRange.lowerBound, grid.xRange.upperBound,
                         grid.yRange.lowerBound, grid.yRange.upperBound)
            let gridChart = ImageGrid(tiles: tiles, title: args.string("title"), subtitle: subtitle)
            return .object(ChartBox(title: args.string("title"), svg: try gridChart.svg(width: args.double("width"),
                                                                                        height: args["height"].doubleValue)),
                           type: types.chart)
        }
    }

    private static func resolution(_ args: Arguments) throws -> Int {
        let r = args.int("resolution")
        guard (8...400).contains(r) else { throw HostError("resolution must be between 8 and 400 grid points per side, got \(r)") }
        return r
    }
}
