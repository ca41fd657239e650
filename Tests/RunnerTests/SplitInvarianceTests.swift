import FolioTestSupport
import Foundation
import XCTest

/// Whether a loop is split across cores depends on a hand-off cost measured in each process
/// (`Parallel.minimumSplitWork`), so a seeded run must not depend on it: the same training, with
/// every such loop split and with none split, must print the same numbers to the last digit.
final class SplitInvarianceTests: XCTestCase {
    func testSeededTrainingIsTheSameWhetherElementwiseLoopsAreSplitOrNot() throws {
        let folder = try temporaryFolder(self)
        let notebook = try writeFile(in: folder, "split.md", """
            ---
            seed: 3
            ---
            ```swift
            let digits = mnist5k().take(640)
            let model = Sequential {
                Flatten()
                Dense(300, activation: .relu)
                Dense(64, activation: .tanh)
                Dense(10)
            }
            let history = model.fit(digits, epochs: 2, batchSize: 128, optimizer: Adam(lr: 0.003))
            print("losses:", history.loss, model.evaluate(digits).loss)
            ```
            """)
        let allSplit = try losses(notebook, splitWork: 1, into: folder.appendingPathComponent("all"))
        let noneSplit = try losses(notebook, splitWork: 1_000_000_000, into: folder.appendingPathComponent("none"))
        XCTAssertEqual(allSplit, noneSplit)
    }

    /// The printed line of the report rendered with `FOLIO_SPLIT_WORK=splitWork`.
    private func losses(_ notebook: String, splitWork: Int, into output: URL) throws -> String {
        let result = try runFolio(["render", notebook, "-o", output.path],
                                  environment: ["FOLIO_SPLIT_WORK": String(splitWork)])
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: output.appendingPathComponent("split.html"), encoding: .utf8)
        let line = html.components(separatedBy: "\n").first { $0.contains("losses: [") }
        return try XCTUnwrap(line, "no printed losses in the report")
    }
}
