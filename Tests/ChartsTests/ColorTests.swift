import XCTest
@testable import Charts

final class ColorTests: XCTestCase {
    func testViridisEndpointsAndMidpoint() {
        XCTAssertEqual(ColorMap.viridis.color(at: 0).hex, "#440154")
        XCTAssertEqual(ColorMap.viridis.color(at: 1).hex, "#fde725")
        XCTAssertEqual(ColorMap.viridis.color(at: 0.5).hex, "#21918c")
        XCTAssertEqual(ColorMap.viridis.color(at: -3).hex, "#440154", "clamped")
        XCTAssertEqual(ColorMap.viridis.color(at: .nan).hex, "#440154")
    }

    func testViridisLightnessRisesMonotonically() {
        let luminances = (0...100).map { ColorMap.viridis.color(at: Double($0) / 100).luminance }
        for (a, b) in zip(luminances, luminances.dropFirst()) { XCTAssertLessThan(a, b) }
    }

    func testTextColourContrastsWithTheCell() {
        XCTAssertEqual(ColorMap.viridis.color(at: 0).contrastingText, "#fff")
        XCTAssertEqual(ColorMap.viridis.color(at: 1).contrastingText, "#000")
    }

    func testSeriesStylesDifferInDashAndMarkerAsWellAsColour() {
        let styles = (0..<6).map(SeriesStyle.at)
        XCTAssertEqual(Set(styles.map(\.color)).count, 6)
        XCTAssertEqual(Set(styles.map(\.dash)).count, 6)
        XCTAssertEqual(Set(styles.map { "\($0.marker)" }).count, 6)
        XCTAssertEqual(SeriesStyle.at(Palette.categorical.count).color, SeriesStyle.at(0).color, "cycles")
    }
}
