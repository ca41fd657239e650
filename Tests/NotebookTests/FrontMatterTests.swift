import FolioTestSupport
import Notebook
import XCTest

final class FrontMatterTests: XCTestCase {
    func testReadsKnownKeysInOrder() throws {
        let document = try XCTUnwrap(parseNotebook("""
        ---
        title: "CNN vs RNN"
        author: [Ada, Alan]
        date: 2026-11-21
        seed: 42
        params:
          epochs: 3
          lr: 0.001
          augment: false
          name: run-a
        ---
        # Hello
        """))
        let matter = document.frontMatter
        XCTAssertEqual(matter.title, "CNN vs RNN")
        XCTAssertEqual(matter.authors, ["Ada", "Alan"])
        XCTAssertEqual(matter.date, "2026-11-21")
        XCTAssertEqual(matter.seed, 42)
        XCTAssertEqual(matter.params.map(\.name), ["epochs", "lr", "augment", "name"])
        XCTAssertEqual(matter.params.map(\.value), [.int(3), .double(0.001), .bool(false), .string("run-a")])
    }

    func testNoFrontMatterMeansDefaults() throws {
        let document = try XCTUnwrap(parseNotebook("# Just prose\n"))
        XCTAssertNil(document.frontMatter.title)
        XCTAssertNil(document.frontMatter.seed)
        XCTAssertFalse(document.frontMatter.rawHTML)
    }

    func testBadYAMLPointsAtTheNotebookLine() {
        let diagnostics = notebookDiagnostics("---\ntitle: ok\nparams: [unclosed\n---\n")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(diagnostics[0].message.hasPrefix("invalid YAML in front matter"), diagnostics[0].message)
        XCTAssertGreaterThanOrEqual(diagnostics[0].location.line, 3)
    }

    func testWrongTypesAreErrors() {
        assertDiagnostic(notebookDiagnostics("---\nseed: many\n---\n"), at: 2, contains: "'seed' must be an integer")
        assertDiagnostic(notebookDiagnostics("---\nraw-html: 3\n---\n"), at: 2,
                         contains: "'raw-html' must be true or false")
        assertDiagnostic(notebookDiagnostics("---\nparams:\n  bad name: 1\n---\n"), at: 3,
                         contains: "not a valid identifier")
    }

    func testLimitsAreReadAndCheckedAgainstTheirRanges() throws {
        let text = "---\ntimeout: 90\nnotebook-timeout: 600\nmemory: 2G\n---\n"
        let matter = try XCTUnwrap(parseNotebook(text)).frontMatter
        XCTAssertEqual(matter.cellTimeout, 90)
        XCTAssertEqual(matter.notebookTimeout, 600)
        XCTAssertEqual(matter.memory, 2 << 30)
        assertDiagnostic(notebookDiagnostics("---\ntimeout: 1e16\n---\n"), at: 2,
                         contains: "front matter 'timeout' must be between 0.001 and 604800 seconds")
        assertDiagnostic(notebookDiagnostics("---\nnotebook-timeout: soon\n---\n"), at: 2,
                         contains: "'notebook-timeout' must be a positive number of seconds, not 'soon'")
        assertDiagnostic(notebookDiagnostics("---\nmemory: 4K\n---\n"), at: 2,
                         contains: "'memory' must be between 16M and 1T, not 4K")
    }

    func testUnclosedFrontMatter() {
        assertDiagnostic(notebookDiagnostics("---\ntitle: x\n\n# Body\n"), at: 1, 1, contains: "never closed")
    }

    func testOverridesAreTypeChecked() throws {
        var matter = try XCTUnwrap(parseNotebook("---\nparams:\n  epochs: 3\n  lr: 0.01\n  tag: a\n---\n")).frontMatter
        try matter.applyOverrides([("epochs", "5"), ("lr", "1"), ("tag", "b=c")])
        XCTAssertEqual(matter.params.map(\.value), [.int(5), .double(1), .string("b=c")])

        XCTAssertThrowsError(try matter.applyOverrides([("epochs", "abc")])) { error in
            XCTAssertEqual("\(error)", "parameter 'epochs' expects Int (default 5), got 'abc'")
        }
        XCTAssertThrowsError(try matter.applyOverrides([("epoch", "2")])) { error in
            XCTAssertEqual("\(error)", "unknown parameter 'epoch'; did you mean 'epochs'?")
        }
        XCTAssertThrowsError(try matter.applyOverrides([("lr", "nan")]))
    }
}
