import XCTest
@testable import Datasets

final class BitmapTextReaderTests: XCTestCase {
    func testSpacedBinaryPixelsWithTrailingLabel() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("dataset.txt", text: "# course data\n0 1 1 0 2\n1 0 0 1 0\n1 1 1 1 1\n")
        let data = try load(path)
        XCTAssertEqual(data.labels, [2, 0, 1])
        XCTAssertEqual(data.sampleShape, [2, 2, 1])
        XCTAssertEqual(rawPixels(data), [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1])
        XCTAssertEqual(data.store.fullIntensity, 1, "a file of ones and zeros is full intensity at 1")
    }

    func testDigitRunsWithLeadingLabelInferred() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("runs.txt", text: "3 011001100\n7 111000111\n")
        let data = try BitmapTextReader.read(path: path)
        XCTAssertEqual(data.labels, [3, 7])
        XCTAssertEqual(data.sampleShape, [3, 3, 1])
        XCTAssertEqual(rawPixels(data), [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1])
    }

    func testNumericValuesGivenShapeAndLabelPosition() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("n.txt", text: "1\t0.5\t0.25\t0.75\t1\t0\t0\n")
        let data = try BitmapTextReader.read(path: path, options: BitmapTextOptions(labelColumn: .first, shape: [2, 3]))
        XCTAssertEqual(data.labels, [1])
        XCTAssertEqual(rawPixels(data), [0.5, 0.25, 0.75, 1, 0, 0])
    }

    func testRaggedLineAndBadLabel() throws {
        let fixtures = try Fixtures()
        let ragged = try fixtures.write("r.txt", text: "0 1 1 0 2\n1 0 0 2\n")
        assertDatasetError(try load(ragged), contains: ["r.txt:2", "5 values", "found 4 values"])
        let bad = try fixtures.write("b.txt", text: "0 1 1 0 2\n1 0 0 1 two\n")
        assertDatasetError(try load(bad), contains: ["b.txt:2", "'two'"])
        let range = try fixtures.write("c.txt", text: "0 1 1 0 2\n1 0 0 1 4\n")
        assertDatasetError(try load(range, options: LoadOptions(classCount: 3)), contains: ["c.txt:2", "0...2",
                                                                                            "found 4"])
    }
}
