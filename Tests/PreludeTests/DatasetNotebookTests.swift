import FolioTestSupport
import Foundation
import XCTest

/// Loading, checking and transforming data from notebook cells.
final class DatasetNotebookTests: XCTestCase {
    func testUsersOwnCSVLoadsSplitsAndBalances() throws {
        let folder = try temporaryFolder(self)
        // Kaggle form: a header, the label first, 4 pixels (a 2×2 image); 6 of class 0, 2 of class 1.
        var csv = "label,pixel0,pixel1,pixel2,pixel3\n"
        for row in 0..<8 { csv += "\(row < 6 ? 0 : 1),\(row),0,255,\(row * 10)\n" }
        let path = folder.appendingPathComponent("tiny.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try runNotebook("""
        ---
        seed: 1
        ---
        ```swift
        let data = Datasets.load("\(path)")
        let (a, b) = data.split(0.5, stratified: true)
        print(data.count, data.shape, a.count, b.count, a.labels.filter { $0 == 1 }.count)
        let balanced = data.balanced()
        print(balanced.count, data.balanced(.undersample).count)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("8 [2, 2, 1] 4 4 1"),
                      "stratified: one of the two 1s in each half: \(run.allText)")
        XCTAssertTrue(run.allText.contains("\n12 4\n"), "oversampling to 6+6, undersampling to 2+2: \(run.allText)")
    }

    func testMissingDataIsAnErrorAtTheCallWithWhatToDo() throws {
        let run = try runNotebook("""
        # Data

        ```swift
        let digits = mnist(path: "/no/such/folder")
        ```
        """)
        XCTAssertEqual(run.errors.count, 1)
        let error = run.errors[0]
        XCTAssertTrue(error.hasPrefix("test.md:4:14: error: "), error)
        XCTAssertTrue(error.contains("/no/such/folder"), error)
    }

    func testTransformArgumentsAreChecked() throws {
        let run = try runNotebook("""
        ```swift
        let digits = mnist5k()
        let x = digits.split(1.5)
        ```

        ```swift
        let y = digits.scaled(.zeroToOne)
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 2)
        XCTAssertTrue(run.errors[0].contains("test.md:3:"), run.errors[0])
        XCTAssertTrue(run.errors[0].contains("1.5"), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("test.md:7:"), run.errors[1])
        XCTAssertTrue(run.errors[1].contains("unit"), "lists or suggests the accepted values: \(run.errors[1])")
    }
}
