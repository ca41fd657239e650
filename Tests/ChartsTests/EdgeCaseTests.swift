import XCTest
@testable import Charts

/// Degenerate but legal data still gives a well-formed chart, never a crash.
final class EdgeCaseTests: XCTestCase {
    func testDegenerateLineCharts() throws {
        XCTAssertNotNil(assertWellFormedSVG(try LineChart(series: []).svg()))
        XCTAssertNotNil(assertWellFormedSVG(try LineChart(series: [Series(name: "nan", y: [.nan, .nan])]).svg()))
        XCTAssertNotNil(assertWellFormedSVG(try LineChart(series: [Series(name: "one", y: [3])]).svg()))
        XCTAssertNotNil(assertWellFormedSVG(try LineChart(series: [Series(name: "inf", y: [1, .infinity, 2])]).svg()))
        var log = LineChart(series: [Series(name: "zeros", y: [0, 0])])
        log.logY = true
        XCTAssertNotNil(assertWellFormedSVG(try log.svg()))
    }

    func testNegativeBarsAndSingleCells() throws {
        let root = try XCTUnwrap(assertWellFormedSVG(try BarChart(labels: ["gain", "loss"], values: [3, -2]).svg()))
        XCTAssertTrue(root.texts.contains("−2"))
        XCTAssertNotNil(assertWellFormedSVG(try ConfusionMatrixChart(counts: [[0]], classNames: ["only"]).svg()))
        XCTAssertNotNil(assertWellFormedSVG(
            try ConfusionMatrixChart(counts: [[0, 0], [0, 0]], classNames: ["a", "b"], normalized: true).svg()))
        XCTAssertNotNil(assertWellFormedSVG(try HeatmapChart(values: [[.nan, 1]]).svg()))
    }

    func testScatterWithIdenticalPoints() throws {
        XCTAssertNotNil(assertWellFormedSVG(
            try ScatterChart(x: [1, 1], y: [2, 2], coloring: .values([5, 5], label: "t")).svg()))
        XCTAssertNotNil(assertWellFormedSVG(try ScatterChart(x: [], y: []).svg()))
    }
}
