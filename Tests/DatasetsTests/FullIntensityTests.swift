import XCTest
@testable import Datasets

/// Bitmaps stored as ones and zeros are full intensity at 1, so scaling keeps them 0 and 1.
final class FullIntensityTests: XCTestCase {
    /// The BitmapTextReader's format: spaced 0/1 pixels of a 4×4 image, the label last.
    private let bitmapText = "0 0 1 1 0 0 1 1 1 1 0 0 1 1 0 0 7\n1 1 1 1 0 0 0 0 1 1 1 1 0 0 0 0 2\n"

    func testZeroOneBitmapTextScalesToExactlyZeroAndOne() throws {
        let fixtures = try Fixtures()
        let data = try load(try fixtures.write("dataset.txt", text: bitmapText))
        XCTAssertEqual(data.store.fullIntensity, 1)
        let unit = data.scaled(.unit).batch([0, 1]).inputs
        XCTAssertEqual(unit, rawPixels(data), "0/1 stay 0/1 under .unit")
        XCTAssertEqual(Set(unit), [0, 1])
        XCTAssertEqual(Set(data.scaled(.symmetric).batch([0, 1]).inputs), [-1, 1])
        XCTAssertEqual(data.binarized().batch([0]).inputs, Array(unit[0..<16]), "binarising keeps the ones")
        XCTAssertEqual(data.pixelStatistics().mean, 0.5, accuracy: 1e-6)
    }

    func testZeroOneCSVScalesToExactlyZeroAndOne() throws {
        let fixtures = try Fixtures()
        let csv = bitmapText.replacingOccurrences(of: " ", with: ",")
        let data = try load(try fixtures.write("bits.csv", text: csv))
        XCTAssertEqual(data.labels, [7, 2])
        XCTAssertEqual(Set(data.scaled(.unit).batch([0, 1]).inputs), [0, 1])
    }

    func testBytesAndFloatsAndAGivenIntensity() throws {
        let fixtures = try Fixtures()
        let bytes = try load(try fixtures.write("b.csv", text: "label,a,b,c,d\n1,0,255,7,9\n0,1,2,3,4\n"))
        XCTAssertEqual(bytes.store.fullIntensity, 255)
        let floats = try load(try fixtures.write("f.csv", text: "label,a,b,c,d\n1,0,0.5,0.75,1\n0,0.25,0,0,0\n"))
        XCTAssertEqual(floats.store.fullIntensity, 1)
        // A scanner's 4-bit greys: 15 is white.
        let path = try fixtures.write("g.csv", text: "label,a,b,c,d\n1,0,15,7,3\n0,15,2,3,4\n")
        let given = try load(path, options: LoadOptions(intensity: 15))
        let inputs = given.scaled(.unit).batch([0]).inputs
        for (input, expected) in zip(inputs, [0, 1, 7 / 15, 3 / 15] as [Float]) { XCTAssertEqual(input, expected,
                                                                                                 accuracy: 1e-6) }
        assertDatasetError(try load(path, options: LoadOptions(intensity: 0)), contains: ["above 0", "found 0"])
    }

    func testCheckShowsTheFullIntensityAndWhereItCameFrom() throws {
        let fixtures = try Fixtures()
        let data = try load(try fixtures.write("dataset.txt", text: bitmapText))
        let row = data.check().results.first { $0.check == "full intensity" }
        XCTAssertEqual(row?.detail.hasPrefix("1 (only 0s and 1s)"), true, "\(String(describing: row))")
    }
}
