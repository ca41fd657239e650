import XCTest
@testable import Charts

final class BarChartTests: XCTestCase {
    func testLabelDistributionNotesTheImbalanceRatio() throws {
        let chart = try BarChart.labelDistribution(counts: [600, 300, 200], classNames: ["cat", "dog", "<eel>"])
        XCTAssertEqual(chart.subtitle,
                       "1,100 examples in 3 classes · imbalance 3.00 : 1 (largest 'cat' 600, smallest '<eel>' 200)")
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        XCTAssertTrue(root.texts.contains("<eel>"))
        XCTAssertTrue(root.texts.contains("600"))
        // Bars are proportional to the counts (zero-based axis).
        let bars = root.all("rect").filter { $0.attributes["fill"] == Palette.categorical[0] }
            .compactMap { Double($0.attributes["height"]!) }
        XCTAssertEqual(bars.count, 3)
        XCTAssertEqual(bars[0] / bars[2], 3, accuracy: 0.05)
    }

    func testBalancedAndEmptyClassesAreNamed() throws {
        XCTAssertTrue(try BarChart.labelDistribution(counts: [5, 5], classNames: ["a", "b"]).subtitle!
            .contains("balanced"))
        XCTAssertTrue(try BarChart.labelDistribution(counts: [5, 0], classNames: ["a", "b"]).subtitle!
            .contains("'b' has no examples"))
    }

    func testBadCountsThrow() {
        XCTAssertThrowsError(try BarChart.labelDistribution(counts: [1, 2], classNames: ["a"]))
        XCTAssertThrowsError(try BarChart.labelDistribution(counts: [1, -2], classNames: ["a", "b"]))
        XCTAssertThrowsError(try BarChart(labels: ["a"], values: [1, 2]).svg())
    }

    func testGroupedBarsHaveLegendAndHatchedGroups() throws {
        let chart = GroupedBarChart(categories: ["0", "1"], groups: [("MLP", [0.8, 0.7]), ("CNN", [0.9, 0.85])],
                                    yLabel: "accuracy", title: "Compare")
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        XCTAssertTrue(root.texts.contains("MLP") && root.texts.contains("CNN"))
        let patterns = root.all("pattern").compactMap { $0.attributes["id"] }
        XCTAssertEqual(patterns.count, 1)
        XCTAssertFalse(patterns[0].contains("\u{1}"), "id placeholder replaced")
        let hatched = root.all("rect").filter { $0.attributes["fill"] == "url(#\(patterns[0]))" }
        XCTAssertGreaterThanOrEqual(hatched.count, 3)
        XCTAssertThrowsError(try GroupedBarChart(categories: ["0"], groups: [("x", [1, 2])]).svg())
    }
}
