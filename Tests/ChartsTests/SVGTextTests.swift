import XCTest
@testable import Charts

final class SVGTextTests: XCTestCase {
    func testCoordinatesKeepOneDecimal() {
        XCTAssertEqual(coord(12.345), "12.3")
        XCTAssertEqual(coord(12.0), "12")
        XCTAssertEqual(coord(-0.04), "0")
        XCTAssertEqual(coord(-3.96), "-4")
        XCTAssertEqual(coord(.nan), "0")
    }

    func testNumberLabels() {
        XCTAssertEqual(fixed(0.30000000000000004, decimals: 1), "0.3")
        XCTAssertEqual(fixed(0.05, decimals: 2), "0.05")
        XCTAssertEqual(fixed(-1.5, decimals: 1), "−1.5")
        XCTAssertEqual(shortNumber(6000), "6000")
        XCTAssertEqual(shortNumber(0.8150000001), "0.815")
        XCTAssertEqual(shortNumber(123.456), "123")
        XCTAssertEqual(grouped(1234567), "1,234,567")
        XCTAssertEqual(percent(0.9234), "92.3%")
    }
}
