import XCTest
@testable import Charts

final class LineChartTests: XCTestCase {
    func testLegendHasOneEntryPerSeriesInOrder() throws {
        let chart = LineChart(series: [Series(name: "train", y: [3, 2, 1]),
                                       Series(name: "validation", y: [3.5, 2.5, 2])],
                              xLabel: "epoch", yLabel: "loss", title: "Loss")
        XCTAssertEqual(chart.legendEntries.map(\.label), ["train", "validation"])
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        let texts = root.texts
        XCTAssertTrue(texts.contains("train") && texts.contains("validation"))
        XCTAssertTrue(texts.contains("epoch") && texts.contains("loss"))
        // Two series → two data paths with different dash patterns.
        let dashed = root.all("path").compactMap { $0.attributes["stroke-dasharray"] }
        XCTAssertTrue(dashed.contains("7 3"))
    }

    func testLabelsAreEscapedAndSurviveParsing() throws {
        let nasty = "a<b & \"c\" 'd'"
        let chart = LineChart(series: [Series(name: nasty, y: [1, 2])], xLabel: nasty, yLabel: "y", title: nasty)
        let svg = try chart.svg()
        XCTAssertFalse(svg.contains("a<b"))
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        XCTAssertEqual(root.children.first?.text, nasty)
        XCTAssertEqual(root.texts.filter { $0 == nasty }.count, 3) // title, legend, x label
    }

    func testHundredThousandPointsAreThinnedButKeepTheSpike() throws {
        var y = (0..<100_000).map { 1 + 0.1 * sin(Double($0)) }
        y[54_321] = 9
        let svg = try LineChart(series: [Series(name: "loss", x: (0..<100_000).map(Double.init), y: y)]).svg()
        XCTAssertLessThan(svg.utf8.count, 60_000, "a long series must be thinned for drawing")
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        let data = try XCTUnwrap(root.all("path").first { $0.attributes["stroke-width"] == "2" })
        // The spike is the highest point: its y pixel must be the smallest in the path.
        let numbers = data.attributes["d"]!.split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
        let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        let top = ys.min()!
        XCTAssertLessThan(top, ys.sorted()[1] - 20, "the spike stands out above everything else")
    }

    func testLogAxisLeavesOutNonPositiveValuesWithoutFailing() throws {
        var chart = LineChart(series: [Series(name: "loss", y: [1, 0.1, 0, 0.01])], yLabel: "loss")
        chart.logY = true
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        XCTAssertTrue(root.texts.contains("0.01"))
    }

    func testMismatchedArraysThrowAClearError() {
        let chart = LineChart(series: [Series(name: "s", x: [1, 2, 3], y: [1, 2])])
        XCTAssertThrowsError(try chart.svg()) { error in
            XCTAssertTrue("\(error)".contains("3 x values but 2 y values"), "\(error)")
        }
    }

    func testMeanBandAveragesRunsAndSpansOneStandardDeviation() throws {
        let series = try Series.meanBand(name: "cnn", runs: [[1, 2], [3, 4], [2]])
        XCTAssertEqual(series.y, [2, 3])
        XCTAssertEqual(series.band!.upper[0], 3, accuracy: 1e-12) // sd of 1, 3, 2 is 1
        XCTAssertEqual(series.band!.lower[1], 3 - sqrt(2), accuracy: 1e-12)
        XCTAssertTrue(series.name.contains("3 runs"))
        let root = try XCTUnwrap(assertWellFormedSVG(try LineChart(series: [series]).svg()))
        XCTAssertEqual(root.all("polygon").filter { $0.attributes["fill-opacity"] != nil }.count, 1)
        XCTAssertThrowsError(try Series.meanBand(name: "none", runs: []))
    }
}

final class CanvasSizeTests: XCTestCase {
    func testUnusableSizesThrowForEveryChart() {
        let line = LineChart(series: [Series(name: "a", y: [1, 2])])
        XCTAssertThrowsError(try line.svg(width: 10, height: 400)) { XCTAssertTrue("\($0)".contains("160…4000")) }
        XCTAssertThrowsError(try line.svg(width: 640, height: .nan))
        XCTAssertThrowsError(try ConfusionMatrixChart(counts: [[1]], classNames: ["a"]).svg(width: -5, height: 300))
        XCTAssertNoThrow(try line.svg(width: 160, height: 120))
    }
}
