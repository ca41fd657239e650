import FolioTestSupport
import Foundation
import XCTest

/// The data items of issue #12 as a cell writes them.
final class DataBuildingNotebookTests: XCTestCase {
    /// Label-last rows of 3×3 images with blank corners, as MNIST 5k lays them out.
    private func labelLastCSV(header: Bool) -> String {
        let rows = (0..<6).map { row in "0,0,\(row * 40),9,200,7,\(row),0,0,\(row % 3)" }
        return ((header ? ["p0,p1,p2,p3,p4,p5,p6,p7,p8,label"] : []) + rows).joined(separator: "\n") + "\n"
    }

    func testLabelColumnFoundOrAskedFor() throws {
        let folder = try temporaryFolder(self)
        let plain = folder.appendingPathComponent("last.csv").path
        try labelLastCSV(header: false).write(toFile: plain, atomically: true, encoding: .utf8)
        let named = folder.appendingPathComponent("named.csv").path
        try labelLastCSV(header: true).write(toFile: named, atomically: true, encoding: .utf8)
        let both = folder.appendingPathComponent("both.csv").path
        try "1,0,5,2\n0,0,6,1\n2,0,7,0\n".write(toFile: both, atomically: true, encoding: .utf8)
        let run = try runNotebook("""
        ```swift
        print(load("\(plain)").classCount, load("\(named)").labels)
        print(load("\(both)", labelColumn: .last, shape: [1, 3]).labels, \
        load("\(both)", labelColumn: -1, shape: [1, 3]).labels)
        print(load("\(named)", labelColumn: "label").classCount, \
        load("\(both)", labelColumn: .first, shape: [1, 3]).labels)
        ```

        ```swift
        let unsure = load("\(both)", shape: [1, 3])
        ```
        """, allowErrors: true)
        XCTAssertTrue(run.allText.contains("3 [0, 1, 2, 0, 1, 2]"), run.allText)
        XCTAssertTrue(run.allText.contains("[2, 1, 0] [2, 1, 0]"), run.allText)
        XCTAssertTrue(run.allText.contains("3 [1, 0, 2]"), run.allText)
        XCTAssertEqual(run.errors.count, 1)
        XCTAssertTrue(run.errors[0].contains("test.md:8:") && run.errors[0].contains("1,0,5,2")
                      && run.errors[0].contains("labelColumn:"), run.errors[0])
    }

    func testZeroOneBitmapIsFullIntensityAtOne() throws {
        let folder = try temporaryFolder(self)
        let path = folder.appendingPathComponent("dataset.txt").path
        try "0 1 1 0 3\n1 0 0 1 1\n1 1 1 1 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runNotebook("""
        ```swift
        let bits = load("\(path)")
        print(bits.intensity, load("\(path)", intensity: 255).intensity)
        bits.check()
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("1.0 255.0"), run.allText)
        XCTAssertTrue(run.allText.contains("full intensity") && run.allText.contains("only 0s and 1s"), run.allText)
    }

    func testDatasetsFromNumbersJoinedCutAndResized() throws {
        let run = try runNotebook("""
        ```swift
        let rows: [[Double]] = [[0, 0, 0, 1, 1, 1, 0, 0, 0], [0, 1, 0, 0, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1]]
        let a = Dataset(images: rows, labels: [0, 1, 2], shape: [3, 3])
        let b = Dataset(images: [rows[1]], labels: [1], shape: [3, 3])
        let joined = a + b
        print(joined.count, joined.labels, Dataset.concatenate([a, b, a]).count, a.intensity)
        print(joined.take(perClass: [1: 1]).labels, joined.pixels(3..<4))
        let noisy = joined.pixels(0..<4).map { row in row.map { 1 - $0 } }
        print(Dataset(images: noisy, labels: joined.labels, shape: [3, 3]).pixels(0...0))
        print(a.resized(to: [32, 32]).rgb().shape)
        ```

        ```swift
        let wide = Dataset(images: [[0, 0, 0, 0]], labels: [0], shape: [1, 4])
        let bad = a + wide
        ```

        ```swift
        let short = joined.take(perClass: [2: 5])
        ```
        """, allowErrors: true)
        XCTAssertTrue(run.allText.contains("4 [0, 1, 2, 1] 7 1.0"), run.allText)
        XCTAssertTrue(run.allText.contains("[0, 1, 2] [[0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0]]"), run.allText)
        XCTAssertTrue(run.allText.contains("[[1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0]]"), run.allText)
        XCTAssertTrue(run.allText.contains("[32, 32, 3]"), run.allText)
        XCTAssertEqual(run.errors.count, 2)
        XCTAssertTrue(run.errors[0].contains("test.md:15:") && run.errors[0].contains("same image shape"),
                      run.errors[0])
        XCTAssertTrue(run.errors[1].contains("class 2") && run.errors[1].contains("5 asked for"), run.errors[1])
    }

    func testNinePointGridTrainsOnAHandfulOfPoints() throws {
        let run = try runNotebook("""
        ```swift
        let grid = Datasets.points(x: [0, 1, 2, 0, 1, 2, 0, 1, 2], y: [0, 0, 0, 1, 1, 1, 2, 2, 2],
                                   labels: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        print(grid.count, grid.classCount, grid.labels)
        ```

        ```swift
        let bad = Datasets.points(x: [0, 1], y: [0], labels: [0, 1])
        ```
        """, allowErrors: true)
        XCTAssertTrue(run.allText.contains("9 2 [0, 0, 0, 0, 1, 0, 0, 0, 0]"), run.allText)
        XCTAssertEqual(run.errors.count, 1)
        XCTAssertTrue(run.errors[0].contains("2 x, 1 y and 2 labels"), run.errors[0])
    }
}

/// The data section's example of a variant built in a cell, as docs/notebook-api.md shows it, on
/// 300 digits (the interpreter adds noise to every pixel one by one: the whole set takes a minute).
final class DataVariantExampleTests: XCTestCase {
    func testTheDocumentedExampleRuns() throws {
        let run = try runNotebook("""
        ---
        seed: 3
        ---
        ```swift
        let digits = mnist5k().shuffled().take(300)
        let clean = digits.take(perClass: [1: 10, 9: 5])          // a known imbalance
        var rows = clean.pixels(0..<clean.count)                  // 0…255, as stored
        for i in 0..<rows.count { rows[i] = rows[i].map { min(255, $0 + Double.random(in: 0...40)) } }
        let noisy = Dataset(images: rows, labels: clean.labels, shape: [28, 28], intensity: 255)
        let both = clean + noisy
        let forResNet = both.resized(to: [32, 32]).rgb()           // shape [32, 32, 3]
        let grid = Datasets.points(x: [0, 1, 2, 0, 1, 2, 0, 1, 2], y: [0, 0, 0, 1, 1, 1, 2, 2, 2],
                                   labels: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        print(clean.count, both.count, forResNet.shape, grid.count, noisy.intensity)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("[32, 32, 3] 9 255.0"), run.allText)
    }

    func testOneHotLabelsInBothSpellings() throws {
        let folder = try temporaryFolder(self)
        // Four 2×2 images, then a one-hot label of three columns.
        let rows = ["0 1 1 0 0 0 1", "1 1 0 0 1 0 0", "0 0 1 1 0 1 0", "1 0 0 1 0 0 1"]
        let path = try writeFile(in: folder, "hot.txt", rows.joined(separator: "\n") + "\n")
        let run = try runNotebook("""
        ```swift
        print(load("\(path)", labels: .oneHot(columns: 3)).labels, load("\(path)", oneHotLabels: 3).labels)
        print(.oneHot(columns: 3))
        ```

        ```swift
        load("\(path)", labels: 3)
        ```

        ```swift
        let x = .oneHot(3)
        ```
        """, allowErrors: true)
        XCTAssertTrue(run.allText.hasPrefix("[2, 0, 1, 2] [2, 0, 1, 2]\n.oneHot(columns: 3)\n"), run.allText)
        XCTAssertEqual(run.errors.count, 2)
        XCTAssertTrue(run.errors[0].contains("labels: takes a labels file's path") && run.errors[0].contains("got '3'"),
                      run.errors[0])
        XCTAssertTrue(run.errors[1].contains("label every value, as in '.oneHot(columns: 10)'"), run.errors[1])
    }
}
