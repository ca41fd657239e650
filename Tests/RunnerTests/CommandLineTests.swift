import FolioTestSupport
import Foundation
import XCTest

/// End-to-end runs of the `folio` executable: exit statuses, reports on disk, messages.
final class CommandLineTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
    }


    private func report(_ name: String) -> URL { folder.appendingPathComponent("out/\(name).html") }

    func testRenderWritesTheReportAndExitsZero() throws {
        let path = try writeFile(in: folder, "good.md", "---\ntitle: Good\nparams:\n  n: 2\n---\n# Hi\n\n"
                                 + "```swift\nprint(params.n * 21)\n```\n")
        let result = try runFolio(["render", path, "-o", folder.appendingPathComponent("out").path, "-p", "n=1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: report("good"), encoding: .utf8)
        XCTAssertTrue(html.contains("<pre class=\"out\">21</pre>"), "the -p override reached the cell")
        XCTAssertTrue(result.stderr.contains("wrote"), result.stderr)
    }

    func testFailedCellStillWritesTheReportAndExitsOne() throws {
        let path = try writeFile(in: folder, "bad.md", "```swift\nprint(\"ok\")\n```\n\n```swift\nprint(nope)\n```\n\n"
                                 + "```swift\nprint(\"later\")\n```\n")
        let result = try runFolio(["render", path, "-o", folder.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("bad.md:6:7: error: cannot find 'nope' in scope"), result.stderr)
        let html = try String(contentsOf: report("bad"), encoding: .utf8)
        XCTAssertTrue(html.contains("Not run: an earlier cell failed."))
        XCTAssertFalse(html.contains(">later<"))

        let allowed = try runFolio(["render", path, "-o", folder.appendingPathComponent("out").path, "--allow-errors"])
        XCTAssertEqual(allowed.status, 1, "a failure still fails the run")
        XCTAssertTrue(try String(contentsOf: report("bad"), encoding: .utf8).contains("later"), "later cells ran")
    }

    func testInvalidNotebookLeavesTheEarlierReportUntouched() throws {
        let path = try writeFile(in: folder, "n.md", "```swift\nprint(1)\n```\n")
        XCTAssertEqual(try runFolio(["render", path, "-o", folder.appendingPathComponent("out").path]).status, 0)
        let before = try Data(contentsOf: report("n"))

        _ = try writeFile(in: folder, "n.md", "```swift\n//| echo: sometimes\nprint(2)\n```\n")
        let result = try runFolio(["render", path, "-o", folder.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("n.md:2:1: error: cell option 'echo' must be true or false"),
                      result.stderr)
        XCTAssertEqual(try Data(contentsOf: report("n")), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        XCTAssertEqual(leftovers, ["n.html"], "no temporary files left behind")
    }

    func testParameterErrorsExitTwo() throws {
        let path = try writeFile(in: folder, "p.md", "---\nparams:\n  epochs: 3\n---\n```swift\nparams.epochs\n```\n")
        let out = folder.appendingPathComponent("out").path
        let wrongType = try runFolio(["render", path, "-o", out, "-p", "epochs=abc"])
        XCTAssertEqual(wrongType.status, 2)
        XCTAssertTrue(wrongType.stderr.contains("parameter 'epochs' expects Int (default 3), got 'abc'"),
                      wrongType.stderr)
        let unknown = try runFolio(["render", path, "-o", out, "-p", "epoch=4"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'epochs'?"), unknown.stderr)
        let malformed = try runFolio(["render", path, "-o", out, "-p", "epochs"])
        XCTAssertEqual(malformed.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: report("p").path))
    }

    func testMissingNotebookAndUsageErrors() throws {
        let missing = try runFolio(["render", folder.appendingPathComponent("none.md").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("none.md: error: no such notebook"), missing.stderr)
        XCTAssertEqual(try runFolio(["render", folder.path]).status, 2, "a directory is not a notebook")
        XCTAssertEqual(try runFolio(["render"]).status, 2, "no notebook given")
        XCTAssertEqual(try runFolio(["frobnicate"]).status, 2)
        let help = try runFolio(["render", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--allow-errors"))
    }

    func testCheckReportsEverySyntaxErrorWithoutRunning() throws {
        let path = try writeFile(in: folder, "c.md", "```swift\nlet x = (1 +\n```\n\n"
                                 + "```swift\nprint(\"side effect\")\n```\n\n```swift\nlet = 3\n```\n")
        let result = try runFolio(["check", path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("c.md:2:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("c.md:10:"), result.stderr)
        XCTAssertFalse(result.stdout.contains("side effect"))
        let good = try writeFile(in: folder, "ok.md", "```swift\nprint(1)\n```\n")
        XCTAssertEqual(try runFolio(["check", good]).status, 0)
    }

    func testRunExecutesAScriptFile() throws {
        let path = try writeFile(in: folder, "s.swift", "var s = 0\nfor i in 1...10 { s += i }\nprint(s)\n")
        let result = try runFolio(["run", path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "55\n")
    }
}

extension CommandLineTests {
    func testJobsRenderSeveralNotebooksInParallel() throws {
        let a = try writeFile(in: folder, "a.md", "```swift\nprint(\"from a\")\n```\n")
        let b = try writeFile(in: folder, "b.md", "```swift\nprint(missing)\n```\n")
        let c = try writeFile(in: folder, "c.md", "```swift\nprint(\"from c\")\n```\n")
        let out = folder.appendingPathComponent("out").path
        let result = try runFolio(["render", a, b, c, "-o", out, "--jobs", "2"])
        XCTAssertEqual(result.status, 1, "the worst status wins")
        for name in ["a", "b", "c"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: report(name).path), "\(name).html")
        }
        XCTAssertTrue(result.stderr.contains("b.md:2:7: error: cannot find 'missing' in scope"), result.stderr)
        XCTAssertTrue(try String(contentsOf: report("c"), encoding: .utf8).contains("from c"))
    }
}
