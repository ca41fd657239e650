import XCTest
@testable import Charts

/// A report holds about twenty charts and must stay under 2 MB, so each typical chart must
/// stay well under 100 KB.
final class SizeBudgetTests: XCTestCase {
    func testTypicalChartsOfEveryKindStayCompact() throws {
        let names = (0..<10).map { "class \($0)" }
        let epochs = (0..<50).map { 2 / (1 + Double($0)) }
        var charts: [String: String] = [:]
        let curves = TrainingCurves(trainLoss: epochs, validationLoss: epochs.map { $0 + 0.1 },
                                    trainAccuracy: epochs.map { 1 - $0 / 2 },
                                    validationAccuracy: epochs.map { 0.9 - $0 / 2 })
        charts["training"] = try TrainingFigure(curves: curves).svg()
        let steps = (0..<100_000).map { 1 + sin(Double($0) * 0.37) }
        charts["long line"] = try LineChart(series: [Series(name: "a", y: steps),
                                                     Series(name: "b", y: steps.map { $0 * 2 })]).svg()
        charts["bars"] = try BarChart.labelDistribution(counts: (0..<10).map { 5000 + $0 * 100 }, classNames: names)
            .svg()
        let counts = (0..<10).map { r in (0..<10).map { r == $0 ? 900 : r + $0 } }
        charts["confusion"] = try ConfusionMatrixChart(counts: counts, classNames: names).svg()
        charts["scatter"] = try ScatterChart(x: (0..<2000).map { sin(Double($0)) },
                                             y: (0..<2000).map { cos(Double($0) * 1.3) },
                                             coloring: .classes((0..<2000).map { $0 % 10 }, names: names)).svg()
        let digit = try RasterImage(gray: (0..<784).map { Float(($0 * 31) % 256) / 255 }, width: 28, height: 28)
        charts["images"] = try ImageGrid(tiles: Array(repeating: ImageTile(image: digit, caption: "true 9 · pred 8"),
                                                      count: 30)).svg()
        var total = 0
        for (name, svg) in charts {
            XCTAssertLessThan(svg.utf8.count, 100_000, "\(name) chart is \(svg.utf8.count) bytes")
            XCTAssertNotNil(assertWellFormedSVG(svg), name)
            total += svg.utf8.count
        }
        XCTAssertLessThan(total * 20 / charts.count, 2_000_000, "twenty average charts must fit in 2 MB")
    }
}
