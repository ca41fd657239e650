import Foundation
import XCTest
@testable import Datasets

/// The label column is found only when certain: the shapes of file that fooled the loader.
final class LabelColumnTests: XCTestCase {
    /// `rows` digit images of 28×28 as MNIST draws them: empty margins, strokes of 0…255 inside.
    private func digitRows(_ rows: Int) -> [(pixels: [Int], label: Int)] {
        (0..<rows).map { row in
            var pixels = [Int](repeating: 0, count: 784)
            for y in 6..<22 {
                for x in 8..<20 where (x + y + row) % 3 == 0 { pixels[y * 28 + x] = (row * 37 + x) % 256 }
            }
            return (pixels, row % 10)
        }
    }

    private func csv(_ rows: [(pixels: [Int], label: Int)], labelLast: Bool, header: String? = nil) -> String {
        let lines = rows.map { row in
            (labelLast ? row.pixels + [row.label] : [row.label] + row.pixels).map(String.init).joined(separator: ",")
        }
        return ((header.map { [$0] } ?? []) + lines).joined(separator: "\n") + "\n"
    }

    func testLabelLastWithoutHeaderIsFoundAtTheEnd() throws {
        let fixtures = try Fixtures()
        let rows = digitRows(30)
        let path = try fixtures.write("mnist-like.csv", text: csv(rows, labelLast: true))
        let data = try load(path)
        XCTAssertEqual(data.classCount, 10, "not the first pixel's values as classes")
        XCTAssertEqual(data.labels.map(Int.init), rows.map(\.label))
        XCTAssertEqual(data.sampleShape, [28, 28, 1])
        XCTAssertEqual(rawPixels(data.take(1)), rows[0].pixels.map(Float.init))
    }

    func testLabelLastWithHeaderIsFoundByName() throws {
        let fixtures = try Fixtures()
        let rows = digitRows(12)
        let header = (0..<784).map { "pixel\($0)" }.joined(separator: ",") + ",Label"
        let path = try fixtures.write("kaggle-last.csv", text: csv(rows, labelLast: true, header: header))
        XCTAssertEqual(try load(path).labels.map(Int.init), rows.map(\.label))
    }

    func testLabelFirstStillLoads() throws {
        let fixtures = try Fixtures()
        let rows = digitRows(12)
        let path = try fixtures.write("label-first.csv", text: csv(rows, labelLast: false))
        let data = try load(path)
        XCTAssertEqual(data.labels.map(Int.init), rows.map(\.label))
        XCTAssertEqual(rawPixels(data.take(1)), rows[0].pixels.map(Float.init))
    }

    func testAmbiguousEndsStopWithTheFirstRowAndAskForTheColumn() throws {
        let fixtures = try Fixtures()
        var rows = digitRows(12)
        // A first pixel that varies over small whole numbers could be a label as well as the last column.
        for i in rows.indices { rows[i].pixels[0] = i % 3 }
        let path = try fixtures.write("both.csv", text: csv(rows, labelLast: true))
        assertDatasetError(try load(path), contains: ["both.csv:1", "both end columns could be the label",
                                                      "0,0,0,0,0,0,0,0,…,0,0,0 (785 values)", "labelColumn:"])
        XCTAssertEqual(try load(path, options: LoadOptions(labelColumn: .last)).classCount, 10)
        XCTAssertEqual(try load(path, options: LoadOptions(labelColumn: .index(-1))).classCount, 10)
    }

    func testNeitherEndIsALabel() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("grey.csv", text: "0.5,200,3,1.5\n0.25,100,4,2.5\n")
        assertDatasetError(try load(path), contains: ["neither end column", "0.5 (line 1)", "labelColumn:"])
    }

    func testTheRealMNIST5kFileNeedsNoLabelColumn() throws {
        let file = dataDirectory() + "/mnist_5k.csv.gz"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: file), "MNIST 5k is not installed")
        let data = try load(file)
        XCTAssertEqual(data.classCount, 10)
        XCTAssertEqual(data.labels, try mnist5k().labels)
    }

    func testBinaryBitmapLabelEitherEnd() throws {
        let fixtures = try Fixtures()
        let last = try fixtures.write("last.txt", text: "0 1 1 0 3\n1 0 0 1 1\n1 1 0 0 0\n")
        XCTAssertEqual(try load(last).labels, [3, 1, 0])
        let first = try fixtures.write("first.txt", text: "3 0 1 1 0\n1 1 0 0 1\n")
        XCTAssertEqual(try load(first).labels, [3, 1])
        // 0/1 labels beside 0/1 pixels cannot be told apart.
        let binary = try fixtures.write("binary.txt", text: "0 1 1 0 1\n1 0 0 1 0\n")
        assertDatasetError(try load(binary), contains: ["neither end column", "only 0s and 1s", "labelColumn:"])
    }
}
