import XCTest
@testable import Charts

final class ImageGridTests: XCTestCase {
    func testGridEmbedsEachImageWithItsCaption() throws {
        let images = try (0..<3).map { k in
            try RasterImage(gray: (0..<16).map { UInt8($0 * 16 + k) }, width: 4, height: 4)
        }
        let tiles = images.enumerated().map { ImageTile(image: $1, caption: "true \($0) · pred <\($0)>") }
        let root = try XCTUnwrap(assertWellFormedSVG(try ImageGrid(tiles: tiles, title: "samples", columns: 2).svg()))
        let hrefs = root.all("image").compactMap { $0.attributes["href"] }
        XCTAssertEqual(hrefs.count, 3)
        for (href, image) in zip(hrefs, images) {
            let data = try XCTUnwrap(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
            XCTAssertEqual(try PNGDecoder.decode([UInt8](data)), image)
        }
        XCTAssertTrue(root.texts.contains("true 1 · pred <1>"))
        let ys = Set(root.all("image").compactMap { $0.attributes["y"] })
        XCTAssertEqual(ys.count, 2, "two columns → two rows")
        XCTAssertThrowsError(try ImageGrid(tiles: []).svg())
    }

    func testHeatOverlayTurnsHotPixelsRedAndLeavesColdOnesGrey() throws {
        let image = try RasterImage(gray: [200, 200, 200, 200], width: 2, height: 2)
        let blended = try HeatOverlay.blend(image: image, heat: [0, 0, 0, -4])
        XCTAssertEqual(blended.channels, 3)
        XCTAssertEqual(Array(blended.pixels[0..<3]), [170, 170, 170]) // dimmed grey, no red
        let hot = Array(blended.pixels[9..<12])
        XCTAssertGreaterThan(Int(hot[0]), Int(hot[1]) + 100, "signed maps use magnitude: red")
        XCTAssertThrowsError(try HeatOverlay.blend(image: image, heat: [1]))
        let grid = ImageGrid(tiles: [ImageTile(image: blended, caption: "digit 3", cornerLabel: "3")])
        let root = try XCTUnwrap(assertWellFormedSVG(try grid.svg()))
        XCTAssertTrue(root.texts.contains("3"))
    }

    func testImageSizeMismatchThrows() {
        XCTAssertThrowsError(try RasterImage(gray: [UInt8](repeating: 0, count: 5), width: 2, height: 2)) { error in
            XCTAssertTrue("\(error)".contains("expected 2×2 = 4 pixels but got 5"))
        }
    }
}
