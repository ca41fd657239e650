import FolioTestSupport
import XCTest

/// `seed:` in the front matter makes every draw repeat: the cell language's as well as the engine's.
final class SeedNotebookTests: XCTestCase {
    private func render(seed: String) throws -> String {
        let run = try runNotebook("""
        ---
        \(seed)
        ---
        ```swift
        print(Int.random(in: 0..<1_000_000), Double.random(in: 0.0..<1.0), [1, 2, 3, 4, 5, 6].shuffled())
        print((0..<50).randomElement() ?? -1)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        return run.allText
    }

    func testASeededNotebookDrawsTheSameNumbersEveryRun() throws {
        XCTAssertEqual(try render(seed: "seed: 7"), try render(seed: "seed: 7"))
        XCTAssertNotEqual(try render(seed: "seed: 7"), try render(seed: "seed: 8"))
    }

    func testWithoutASeedRunsDiffer() throws {
        XCTAssertNotEqual(try render(seed: "title: fresh"), try render(seed: "title: fresh"))
    }
}
