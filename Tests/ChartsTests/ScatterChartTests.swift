import XCTest
@testable import Charts

final class ScatterChartTests: XCTestCase {
    func testClassesGetLegendEntriesAndDistinctMarkers() throws {
        let chart = ScatterChart(x: [0, 1, 2, 3], y: [0, 1, 0, 1], coloring: .classes([0, 1, 0, 1], names: ["a", "b"]),
                                 title: "pts")
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        XCTAssertTrue(root.texts.contains("a") && root.texts.contains("b"))
        XCTAssertEqual(root.all("circle").count, 3) // two class-0 points + the legend marker
        XCTAssertEqual(root.all("rect").filter { $0.attributes["fill"] == Palette.categorical[1] }.count, 3)
    }

    func testContinuousColouringHasAColourBarAndTrajectory() throws {
        let chart = ScatterChart(x: [0, 1, 2], y: [1, 0, 1], coloring: .values([0, 5, 10], label: "time step"),
                                 trajectories: [0..<3])
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        XCTAssertTrue(root.texts.contains("time step"))
        let fills = root.all("circle").compactMap { $0.attributes["fill"] }
        XCTAssertEqual(fills, ["#440154", "#21918c", "#fde725"])
        XCTAssertTrue(root.all("path").contains { $0.attributes["stroke"] == "#8a94a6" })
    }

    func testBadInputThrows() {
        XCTAssertThrowsError(try ScatterChart(x: [1], y: []).svg())
        XCTAssertThrowsError(try ScatterChart(x: [1], y: [1], coloring: .classes([3], names: ["a"])).svg())
        XCTAssertThrowsError(try ScatterChart(x: [1], y: [1], trajectories: [0..<2]).svg())
    }
}

final class CompactScatterTests: XCTestCase {
    func testManyPointsShareOnePathPerClass() throws {
        let n = 3000
        let chart = ScatterChart(x: (0..<n).map { sin(Double($0)) }, y: (0..<n).map { cos(Double($0) * 0.7) },
                                 coloring: .classes((0..<n).map { $0 % 3 }, names: ["a", "b", "c"]))
        let svg = try chart.svg()
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        let dots = root.all("path").filter { $0.attributes["stroke-linecap"] == "round" }
        XCTAssertEqual(dots.count, 3)
        XCTAssertEqual(dots.map { $0.attributes["d"]!.components(separatedBy: "h0").count - 1 }.reduce(0, +), n)
        XCTAssertLessThan(svg.utf8.count, 20 * n)
    }
}
