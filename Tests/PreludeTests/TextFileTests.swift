import FolioTestSupport
import Foundation
import XCTest

/// A cell's own text files: written atomically beside the notebook, read back by `readText` and by
/// the data readers, refused over a notebook and outside a sandbox.
final class TextFileTests: XCTestCase {
    func testABitmapFileWrittenByACellLoadsBackAsTheSameDigits() throws {
        let folder = try temporaryFolder(self)
        let path = folder.appendingPathComponent("nb.md").path
        let run = try runNotebook("""
        ```swift
        let digits = mnist5k().take(30)
        var lines: [String] = []
        for (i, row) in digits.pixels().enumerated() {
            lines.append(row.map { $0 >= 128 ? "1" : "0" }.joined() + " \\(digits.labels[i])")
        }
        writeText("data/bits.txt", lines.joined(separator: "\\n") + "\\n")
        let back = load("data/bits.txt", labelColumn: .last)
        print(back.count, back.labels == digits.labels, back.pixels()[3].filter { $0 == 1 }.count > 20)
        print(readText("data/bits.txt").count == lines.joined(separator: "\\n").count + 1)
        ```
        """, file: path)
        XCTAssertEqual(run.errors, [])
        XCTAssertEqual(run.allText, "30 true true\ntrue\n")
        let written = try String(contentsOfFile: folder.appendingPathComponent("data/bits.txt").path, encoding: .utf8)
        XCTAssertEqual(written.split(separator: "\n").count, 30)
    }

    func testNotebooksAndMissingFilesGetClearErrors() throws {
        let folder = try temporaryFolder(self)
        let path = folder.appendingPathComponent("nb.md").path
        let run = try runNotebook("""
        ```swift
        //| error: true
        writeText("nb.md", "oops")
        ```
        ```swift
        //| error: true
        readText("missing.txt")
        ```
        """, file: path)
        XCTAssertEqual(run.errors.count, 2)
        XCTAssertTrue(run.errors[0].contains("will not write nb.md: it is a Markdown file"), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("readText: no file missing.txt"), run.errors[1])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "the notebook path was not written")
    }
}
