import XCTest
@testable import Charts

final class HeatmapTests: XCTestCase {
    private let counts = [[50, 2, 0], [5, 40, 5], [0, 10, 90]]

    func testConfusionMatrixShowsCountsNamesAndAccuracy() throws {
        let chart = ConfusionMatrixChart(counts: counts, classNames: ["a&b", "c", "d"])
        XCTAssertEqual(chart.accuracy, 180.0 / 202.0, accuracy: 1e-12)
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        let texts = root.texts
        for value in counts.joined() { XCTAssertTrue(texts.contains(String(value)), "count \(value)") }
        XCTAssertEqual(texts.filter { $0 == "a&b" }.count, 2, "class names on both axes")
        XCTAssertTrue(texts.contains("predicted") && texts.contains("true"))
        XCTAssertTrue(texts.contains { $0.contains("89.1%") })
        // Diagonal counts are bold, and text colour contrasts with each cell.
        let bold = root.all("text").filter { $0.attributes["font-weight"] == "700" }.map(\.text)
        XCTAssertEqual(bold, ["50", "40", "90"])
        let top = root.all("text").first { $0.text == "90" }!
        XCTAssertEqual(top.attributes["fill"], "#000", "the brightest cell gets dark text")
        let low = root.all("text").first { $0.text == "2" }!
        XCTAssertEqual(low.attributes["fill"], "#fff")
    }

    func testRowNormalisedViewShowsRowShares() throws {
        let matrix = ConfusionMatrixChart(counts: counts, classNames: ["a", "b", "c"], normalized: true)
        let root = try XCTUnwrap(assertWellFormedSVG(try matrix.svg()))
        XCTAssertTrue(root.texts.contains("0.80")) // 40 / 50
        XCTAssertTrue(root.texts.contains("0.90"))
    }

    func testMalformedMatricesThrow() {
        XCTAssertThrowsError(try ConfusionMatrixChart(counts: [[1, 2], [3]], classNames: ["a", "b"]).svg())
        XCTAssertThrowsError(try ConfusionMatrixChart(counts: [[1]], classNames: ["a", "b"]).svg())
        XCTAssertThrowsError(try ConfusionMatrixChart(counts: [[-1]], classNames: ["a"]).svg())
        XCTAssertThrowsError(try ConfusionMatrixChart(counts: [], classNames: []).svg())
    }

    func testLargeMatricesBecomeOneImage() throws {
        let values = (0..<64).map { r in (0..<100).map { c in Double(r * c) } }
        let svg = try HeatmapChart(values: values, title: "units").svg()
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        XCTAssertEqual(root.all("image").count, 1)
        XCTAssertLessThan(svg.utf8.count, 40_000)
    }
}
