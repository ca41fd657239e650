import XCTest
@testable import Charts

final class DecisionRegionChartTests: XCTestCase {
    /// Class 0 on the left half of the plane, class 1 on the right, surer far from the middle.
    private func chart(resolution: Int = 8, width: Double = 480,
                       height: Double = 500) -> (DecisionRegionChart, Double) {
        let plane = PlaneExtent(x: -1...1, y: -0.5...1.5, resolution: resolution)
        let columns = (0..<resolution * resolution).map { $0 % resolution }
        let classes = columns.map { $0 < resolution / 2 ? 0 : 1 }
        let confidence = columns.map { 0.5 + abs(Double($0) - Double(resolution - 1) / 2) / Double(resolution) }
        let chart = DecisionRegionChart(plane: plane, classes: classes, confidence: confidence,
                                        x: [-0.8, -0.2, 0.5, 0.9],
                                        y: [0, 1, 0.2, 1.4], labels: [0, 0, 1, 1], classNames: ["left", "right <&>"],
                                        title: "Regions", subtitle: "accuracy 100%")
        return (chart, width)
    }

    func testPointsLegendAndFrameUseTheSharedBuildingBlocks() throws {
        let (regions, _) = chart()
        let svg = try regions.svg()
        let root = try XCTUnwrap(assertWellFormedSVG(svg))
        XCTAssertEqual(root.attributes["font-family"], ChartStyle.fontStack, "the font stack every chart uses")
        XCTAssertTrue(root.texts.contains("left") && root.texts.contains("right <&>"), "legend names, escaped")
        // A marker per point (even classes round, odd square) plus one per class in the legend.
        XCTAssertEqual(root.all("circle").count, 2 + 1)
        XCTAssertEqual(root.all("rect").filter { $0.attributes["fill"] == Palette.categorical[1] }.count, 2 + 1)
        let image = try XCTUnwrap(root.all("image").first)
        XCTAssertEqual(image.attributes["width"], image.attributes["height"], "the plot is square")
        XCTAssertTrue(image.attributes["href"]?.hasPrefix("data:image/png;base64,") ?? false)
        XCTAssertEqual(svg, try regions.svg(), "output is deterministic")
    }

    func testTicksAreNiceValuesInsideThePlaneAndLinedUpWithTheImage() throws {
        let root = try XCTUnwrap(assertWellFormedSVG(try chart().0.svg()))
        // x spans −1…1: the shared ticks label −1, −0.5, 0, 0.5, 1 with a real minus sign.
        XCTAssertTrue(["−1.0", "−0.5", "0.0", "0.5", "1.0"].allSatisfy(root.texts.contains), "\(root.texts)")
        let image = try XCTUnwrap(root.all("image").first)
        let left = Double(image.attributes["x"]!)!, width = Double(image.attributes["width"]!)!
        let axis = try XCTUnwrap(root.all("g").first { $0.attributes["text-anchor"] == "middle" })
        let tickX = axis.all("text").map { Double($0.attributes["x"]!)! }
        XCTAssertEqual(tickX.first!, left, accuracy: 0.1, "the lowest tick sits on the image's left edge")
        XCTAssertEqual(tickX.last!, left + width, accuracy: 0.1, "the highest on its right edge")
    }

    func testAWideCanvasCentresThePlotAndANarrowOneShortensTheChart() throws {
        let wide = try XCTUnwrap(assertWellFormedSVG(try chart().0.svg(width: 900, height: 400)))
        XCTAssertEqual(wide.attributes["viewBox"], "0 0 900 400")
        let narrow = try XCTUnwrap(assertWellFormedSVG(try chart().0.svg(width: 300, height: 900)))
        let height = Double(narrow.attributes["viewBox"]!.split(separator: " ")[3])!
        XCTAssertLessThan(height, 500, "the square plot is as wide as the chart; the rest of the height is dropped")
    }

    func testMismatchedInputThrows() {
        let (good, _) = chart()
        var bad = good
        bad.confidence.removeLast()
        XCTAssertThrowsError(try bad.svg()) { XCTAssertTrue("\($0)".contains("confidences")) }
        bad = good
        bad.labels = [0]
        XCTAssertThrowsError(try bad.svg()) { XCTAssertTrue("\($0)".contains("labels")) }
        bad = good
        bad.plane.resolution = 5
        XCTAssertThrowsError(try bad.svg(), "64 grid values do not fill a 5 × 5 grid")
        XCTAssertThrowsError(try good.svg(width: 100, height: 100))
    }

    func testSpanningScaleKeepsItsDomainAndTicksInside() {
        let scale = Scale.linear(spanning: -0.37...2.21, pixels: (0, 100))
        XCTAssertEqual(scale.domain, -0.37...2.21)
        XCTAssertEqual(scale.ticks, [0, 0.5, 1, 1.5, 2])
        XCTAssertEqual(scale.position(-0.37), 0)
        XCTAssertEqual(scale.position(2.21)!, 100, accuracy: 1e-9)
    }
}
