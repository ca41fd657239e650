import XCTest
@testable import Datasets

final class CSVReaderTests: XCTestCase {
    /// Kaggle form: header `label,pixel0,…`, label first.
    private func kaggleText(rows: [[Int]]) -> String {
        let header = "label," + (0..<4).map { "pixel\($0)" }.joined(separator: ",")
        return ([header] + rows.map { $0.map(String.init).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    func testKaggleFormWithHeader() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("train.csv", text: kaggleText(rows: [[3, 0, 255, 7, 9], [1, 1, 2, 3, 4]]))
        let data = try load(path)
        XCTAssertEqual(data.labels, [3, 1])
        XCTAssertEqual(data.sampleShape, [2, 2, 1])
        XCTAssertEqual(rawPixels(data), [0, 255, 7, 9, 1, 2, 3, 4])
    }

    func testHeaderlessLabelLastGzipWithCRLF() throws {
        let fixtures = try Fixtures()
        let text = "0,255,7,9,3\r\n1,2,3,4,1\r\n\r\n"
        let path = try fixtures.write("digits.csv.gz", Fixtures.gzip(Array(text.utf8)))
        let data = try CSVReader.read(path: path, options: CSVOptions(labelColumn: .last))
        XCTAssertEqual(data.labels, [3, 1])
        XCTAssertEqual(rawPixels(data), [0, 255, 7, 9, 1, 2, 3, 4])
    }

    func testLabelColumnByNameAndGivenShape() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("x.csv", text: "a,b,c,digit,d,e,f\n1,2,3,4,5,6,7\n")
        let data = try CSVReader.read(path: path, options: CSVOptions(labelColumn: .name("digit"), shape: [2, 3]))
        XCTAssertEqual(data.labels, [4])
        XCTAssertEqual(data.sampleShape, [2, 3, 1])
        XCTAssertEqual(rawPixels(data), [1, 2, 3, 5, 6, 7])
    }

    func testFractionalValuesSwitchToFloatStorage() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("f.csv", text: "1,0.5,0,1,0.25\n0,1,1,0,0\n")
        let data = try load(path)
        guard case .floats = data.store.pixels else { return XCTFail("expected float storage") }
        XCTAssertEqual(rawPixels(data), [0.5, 0, 1, 0.25, 1, 1, 0, 0])
        XCTAssertEqual(data.store.fullIntensity, 1)
    }

    func testShortRowNamesLineAndCounts() throws {
        let fixtures = try Fixtures()
        var rows = (0..<3).map { _ in [5] + [Int](repeating: 0, count: 784) }
        rows[1].removeLast()
        let text = "label," + (0..<784).map { "pixel\($0)" }.joined(separator: ",") + "\n"
            + rows.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "\n")
        let path = try fixtures.write("kaggle.csv", text: text)
        assertDatasetError(try load(path), contains: ["\(path):3", "785 cells", "783 pixel values"])
    }

    func testNonNumericCell() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("bad.csv", text: "1,2,3,4,5\n1,2,x7,4,5\n")
        assertDatasetError(try load(path), contains: ["bad.csv:2", "a number for column 3", "'x7'"])
    }

    func testMissingValue() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("gap.csv", text: "1,2,3,4,5\n1,2,,4,5\n")
        assertDatasetError(try load(path), contains: ["gap.csv:2", "missing value"])
    }

    func testLabelOutsideDeclaredClasses() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("l.csv", text: "1,2,3,4,5\n10,2,3,4,5\n")
        assertDatasetError(try load(path, options: LoadOptions(labelColumn: .first, classCount: 10)),
                           contains: ["l.csv:2", "0...9", "found 10"])
    }

    func testNonSquarePixelCountWithoutShape() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("r.csv", text: "1,2,3,4\n")
        assertDatasetError(try load(path, options: LoadOptions(labelColumn: .first)),
                           contains: ["r.csv:1", "square", "found 3", "shape"])
    }

    func testHeaderOnlyAndUnknownLabelName() throws {
        let fixtures = try Fixtures()
        let headerOnly = try fixtures.write("h.csv", text: "label,p0,p1,p2,p3\n")
        assertDatasetError(try load(headerOnly), contains: ["h.csv:2", "data rows"])
        let named = try fixtures.write("n.csv", text: "y,p0,p1,p2,p3\n1,2,3,4,5\n")
        assertDatasetError(try load(named, options: LoadOptions(labelColumn: .name("label"))),
                           contains: ["n.csv:1", "column named 'label'", "y, p0"])
    }
}
