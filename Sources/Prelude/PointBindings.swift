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

    /// The points in the plane, coloured by class.
    func scatter(title: String) -> ScatterChart {
        ScatterChart(x: (0..<data.count).map { Double(data.point(at: $0).x) },
                     y: (0..<data.count).map { Double(data.point(at: $0).y) },
                     coloring: .classes(data.labels.map(Int.init), names: classNames), xLabel: "x", yLabel: "y",
                     title: title)
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
        namespace.function("xor", [.labeled("count", .int, default: .int(200)),
                                   .labeled("noise", .double, default: .double(0))]) { args in
            wrap(try ToySets.xor(count: args.int("count"), noise: Float(args.double("noise")),
                                 seed: session.nextSeed()))
        }
        namespace.function("spirals", [.labeled("count", .int, default: .int(100)),
                                       .labeled("turns", .double, default: .double(1.5)),
                                       .labeled("noise", .double, default: .double(0))]) { args in
            wrap(try ToySets.twoSpirals(count: args.int("count"), turns: args.double("turns"),
                                        noise: Float(args.double("noise")), seed: session.nextSeed()))
        }
        namespace.function("blobs", [.labeled("count", .int, default: .int(100)),
                                     .labeled("classes", .int, default: .int(3)),
                                     .labeled("spread", .double, default: .double(0.2))]) { args in
            wrap(try ToySets.blobs(countPerClass: args.int("count"), classCount: args.int("classes"),
                                   spread: Float(args.double("spread")), seed: session.nextSeed()))
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
            guard fraction > 0, fraction < 1 else {
                throw HostError("split needs a fraction between 0 and 1, got \(fraction)")
            }
            var generator = SeededGenerator(seed: session.nextSeed())
            let order = Array(0..<box.data.count).shuffled(using: &generator)
            let cut = Int((Double(order.count) * fraction).rounded())
            return .tuple([wrap(box.data.subset(Array(order[..<cut]))), wrap(box.data.subset(Array(order[cut...])))])
        }
        ChartRegistry.installMethods(on: type, types: types)
    }

    /// `model.decisionRegions(points, resolution:)`: the predicted class over the plane around
    /// the points, with the points on top.
    static func decisionRegions(_ model: Sequential, _ args: Arguments) throws -> DecisionRegionChart {
        guard let box = args["data"].object(as: PointsBox.self) else { throw HostError("decisionRegions needs points") }
        let grid = try PlaneGrid(covering: box.data.points, resolution: try resolution(args))
        let (classes, confidence) = try model.decisionRegions(over: grid)
        let accuracy = try model.evaluate(box.data).accuracy
        let points = (0..<box.data.count).map { box.data.point(at: $0) }
        return DecisionRegionChart(plane: grid.extent, classes: classes, confidence: confidence.map(Double.init),
                                   x: points.map { Double($0.x) }, y: points.map { Double($0.y) },
                                   labels: box.data.labels.map(Int.init), classNames: box.classNames,
                                   title: args.string("title"),
                                   subtitle: String(format: "accuracy %.1f%% on these %d points · paler = less "
                                                    + "confident", accuracy * 100, box.data.count))
    }

    /// `model.hiddenUnits(points, layer:, resolution:)`: each unit of a layer over the plane.
    static func hiddenUnits(_ model: Sequential, _ args: Arguments) throws -> UnitMapGrid {
        guard let box = args["data"].object(as: PointsBox.self) else { throw HostError("hiddenUnits needs points") }
        let grid = try PlaneGrid(covering: box.data.points, resolution: try resolution(args))
        let layer = args.int("layer")
        let maps = try model.hiddenUnitMaps(over: grid, layer: layer)
        return UnitMapGrid(maps: maps.map { $0.map(Double.init) }, plane: grid.extent,
                           layer: (layer, model.layers[layer].typeName), title: args.string("title"))
    }

    private static func resolution(_ args: Arguments) throws -> Int {
        let r = args.int("resolution")
        guard (8...400).contains(r) else {
            throw HostError("resolution must be between 8 and 400 grid points per side, got \(r)")
        }
        return r
    }
}

extension PlaneGrid {
    /// The grid as the charts describe it.
    var extent: PlaneExtent {
        PlaneExtent(x: Double(xRange.lowerBound)...Double(xRange.upperBound),
                    y: Double(yRange.lowerBound)...Double(yRange.upperBound), resolution: resolution)
    }
}
