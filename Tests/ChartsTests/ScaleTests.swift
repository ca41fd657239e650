import XCTest
@testable import Charts

final class ScaleTests: XCTestCase {
    func testLinearScaleMapsDomainOntoPixels() {
        let scale = Scale.linear(covering: [0, 10], pixels: (100, 300))
        XCTAssertEqual(scale.domain, 0...10)
        XCTAssertEqual(scale.position(0), 100)
        XCTAssertEqual(scale.position(10), 300)
        XCTAssertEqual(scale.position(2.5), 150)
        XCTAssertNil(scale.position(.nan))
    }

    func testYScaleRunsUpwards() {
        let scale = Scale.linear(covering: [0, 1], pixels: (400, 20))
        XCTAssertEqual(scale.position(0), 400)
        XCTAssertEqual(scale.position(1), 20)
        XCTAssertEqual(scale.position(0.5)!, 210, accuracy: 1e-9)
    }

    func testIncludeZeroStartsBarsAtZero() {
        let scale = Scale.linear(covering: [5000, 6100], pixels: (0, 1), includeZero: true)
        XCTAssertEqual(scale.domain.lowerBound, 0)
    }

    func testLogScaleUsesDecadesAndSkipsNonPositiveValues() {
        let scale = Scale.log(covering: [0.07, 2.1, -1, 0], pixels: (0, 300))
        XCTAssertEqual(scale.domain, 0.01...10)
        XCTAssertEqual(scale.position(0.01)!, 0, accuracy: 1e-9)
        XCTAssertEqual(scale.position(0.1)!, 100, accuracy: 1e-9)
        XCTAssertEqual(scale.position(1)!, 200, accuracy: 1e-9)
        XCTAssertNil(scale.position(0))
        XCTAssertNil(scale.position(-3))
        XCTAssertTrue(scale.labels.contains("0.1"))
        XCTAssertTrue(scale.labels.contains("1"))
        XCTAssertTrue(scale.labels.contains("0.02")) // few decades: 2× and 5× ticks too
    }

    func testClampedPositionPinsToTheEdge() {
        let scale = Scale.linear(covering: [0, 10], pixels: (0, 100))
        XCTAssertEqual(scale.clampedPosition(20), 100)
        XCTAssertEqual(scale.clampedPosition(-5), 0)
    }
}
