import XCTest
@testable import Datasets

/// Files whose last columns are a one-hot label, and flat rows given their shape.
final class OneHotLabelTests: XCTestCase {
    /// A 2×4 image (8 pixels) and a one-hot label of `width` columns marking `label`.
    private func row(_ pixel: Int, label: Int, width: Int = 10) -> String {
        let hot = (0..<width).map { $0 == label ? "1" : "0" }
        return ([Int](repeating: pixel, count: 8).map(String.init) + hot).joined(separator: " ")
    }

    func testLastTenColumnsOneHotWithAGivenShape() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("hot.txt", text: [row(3, label: 7), row(200, label: 0)].joined(separator: "\n"))
        let data = try load(path, options: LoadOptions(oneHotLabels: 10, shape: [2, 4]))
        XCTAssertEqual(data.labels, [7, 0])
        XCTAssertEqual(data.classCount, 10, "ten one-hot columns are ten classes, even when class 9 is absent")
        XCTAssertEqual(data.sampleShape, [2, 4, 1])
        XCTAssertEqual(rawPixels(data), [Float](repeating: 3, count: 8) + [Float](repeating: 200, count: 8))
    }

    func testOneHotFirstInACSV() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("hot.csv", text: "0,1,0,5,6,7,8\n1,0,0,1,2,3,4\n")
        let data = try load(path, options: LoadOptions(labelColumn: .first, oneHotLabels: 3))
        XCTAssertEqual(data.labels, [1, 0])
        XCTAssertEqual(rawPixels(data), [5, 6, 7, 8, 1, 2, 3, 4])
    }

    func testRowsWithTwoOnesOrNoneNameTheLineAndTheCount() throws {
        let fixtures = try Fixtures()
        let two = row(3, label: 1).dropLast(1) + "1"
        let twoPath = try fixtures.write("two.txt", text: row(3, label: 2) + "\n" + two + "\n")
        assertDatasetError(try load(twoPath, options: LoadOptions(oneHotLabels: 10, shape: [2, 4])),
                           contains: ["two.txt:2", "exactly one 1 among the 10", "2 1s (classes 1, 9)"])
        let nonePath = try fixtures.write("none.txt", text: [Int](repeating: 0, count: 18).map(String.init)
            .joined(separator: " "))
        assertDatasetError(try load(nonePath, options: LoadOptions(oneHotLabels: 10, shape: [2, 4])),
                           contains: ["none.txt:1", "found no 1"])
        assertDatasetError(try load(nonePath, options: LoadOptions(oneHotLabels: 18)),
                           contains: ["none.txt:1", "2 to 17 one-hot label columns", "oneHotLabels: 18"])
    }

    func testShapeForFlatRowsThatAreNotSquare() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("flat.txt", text: "1 0 1 0 1 0 1 0 4\n0 1 0 1 0 1 0 1 2\n")
        assertDatasetError(try load(path), contains: ["square", "found 8", "shape"])
        XCTAssertEqual(try load(path, options: LoadOptions(shape: [2, 4])).sampleShape, [2, 4, 1])
        assertDatasetError(try load(path, options: LoadOptions(shape: [3, 3])), contains: ["flat.txt:1", "3×3 = 9",
                                                                                           "found 8"])
    }
}
