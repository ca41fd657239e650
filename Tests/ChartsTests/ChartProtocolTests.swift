import XCTest
@testable import Charts

/// What every chart shares through the `Chart` protocol: drawing at a width with the height left
/// to the chart, the title, and one font stack.
final class ChartProtocolTests: XCTestCase {
    private let gray = try! RasterImage(gray: [UInt8](repeating: 90, count: 16), width: 4, height: 4)

    private var everyChart: [any Chart] {
        let plane = PlaneExtent(x: 0...1, y: 0...1, resolution: 2)
        return [
            LineChart(series: [Series(name: "loss", y: [3, 2, 1])], title: "line"),
            BarChart(labels: ["a", "b"], values: [1, 2], title: "bars"),
            GroupedBarChart(categories: ["a"], groups: [(name: "g", values: [1])], title: "groups"),
            HeatmapChart(values: [[1, 2], [3, 4]], title: "heat"),
            ConfusionMatrixChart(counts: [[3, 1], [0, 4]], classNames: ["a", "b"], title: "confusion"),
            ScatterChart(x: [1, 2], y: [2, 1], title: "scatter"),
            Scatter3DChart(x: [1, 2], y: [2, 1], z: [0, 1], title: "scatter 3-D"),
            TrainingFigure(curves: TrainingCurves(trainLoss: [1, 0.5]), title: "training"),
            ImageGrid(tiles: [ImageTile(image: gray)], title: "grid"),
            DecisionRegionChart(plane: plane, classes: [0, 1, 1, 0], confidence: [1, 1, 1, 1], x: [0.5], y: [0.5],
                                labels: [0], classNames: ["a", "b"], title: "regions"),
            SensitivityGrid(samples: [.init(image: gray, heat: [Float](repeating: 1, count: 16), predicted: 0,
                                            label: 0)],
                            method: .saliency, classNames: [], title: "saliency"),
            MistakeGrid(mistakes: [.init(image: gray, label: 0, predicted: 1, confidence: 0.9)], totalMistakes: 1,
                        sampleCount: 5, classNames: [], title: "mistakes"),
            UnitMapGrid(maps: [[0, 1, 2, 3]], plane: plane, layer: (0, "Dense"), title: "units"),
            ProjectionChart(x: [0, 1], y: [1, 0], classes: [0, 0], classNames: ["a"], explainedVariance: (0.5, 0.25),
                            source: "inputs", title: "projection"),
        ]
    }

    func testEveryChartDrawsThroughTheProtocolInTheSharedFontStack() throws {
        for chart in everyChart {
            let name = "\(type(of: chart))"
            let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg(width: 600, height: nil)), name)
            XCTAssertEqual(root.attributes["font-family"], ChartStyle.fontStack, name)
            XCTAssertEqual(root.children.first?.text, chart.title, name)
            XCTAssertTrue(root.attributes["viewBox"]?.hasPrefix("0 0 600 ") ?? false, name)
            XCTAssertTrue(root.texts.contains(chart.title), "\(name) draws its title")
        }
    }

    func testNilHeightIsTheChartsUsualHeight() throws {
        let line = LineChart(series: [Series(name: "loss", y: [3, 2, 1])])
        XCTAssertEqual(try line.svg(width: 640, height: nil), try line.svg(width: 640, height: 400))
        let figure: any Chart = TrainingFigure(curves: TrainingCurves(trainLoss: [1, 0.5]))
        XCTAssertTrue(try figure.svg(width: 820, height: nil).contains("viewBox=\"0 0 820 360\""))
    }
}
