import Foundation
import Runner
import XCTest

/// The committed reports in `output/` are what `folio render` makes of `notebooks/` today. For a
/// notebook that draws no random numbers and trains nothing, the report must match byte for byte
/// apart from the run's facts and the time each cell took: a change to the language, the library
/// or the report that alters such a report shows up here, and is accepted by re-rendering
/// `output/` with the real command (README, "Notebooks"). Notebooks that train are
/// left out: their epoch times vary, and sums split across threads may differ in the last digit.
final class CommittedReportTests: XCTestCase {
    private static let deterministicNotebooks = ["language-tour"]

    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testReportsOfNotebooksWithoutRandomnessMatchTheCommittedOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("committed-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in Self.deterministicNotebooks {
            let notebook = Self.repository.appendingPathComponent("notebooks/\(name).md").path
            var log = ""
            let status = Renderer(outputDirectory: folder, log: { log += $0 + "\n" }).render(notebook)
            XCTAssertEqual(status, .success, "\(name): \(log)")
            // Diagnostics name the notebook as given; the committed report was rendered from the repository.
            let fresh = try String(contentsOf: folder.appendingPathComponent("\(name).html"), encoding: .utf8)
                .replacingOccurrences(of: Self.repository.path + "/", with: "")
            let committed = try String(contentsOf: Self.repository.appendingPathComponent("output/\(name).html"),
                                       encoding: .utf8)
            let (a, b) = (Self.withoutRunFacts(committed), Self.withoutRunFacts(fresh))
            if a != b {
                let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(a.count, b.count)
                let (old, new) = (line < a.count ? a[line] : "<end>", line < b.count ? b[line] : "<end>")
                XCTFail("output/\(name).html differs from a fresh render at line \(line + 1):\n"
                        + "committed: \(old)\nfresh:     \(new)\n"
                        + "If the change is meant, re-render: .build/release/folio render notebooks/\(name).md")
            }
        }
    }

    /// The report's lines without what differs from run to run: the footer of run facts and the
    /// time shown beside each cell.
    static func withoutRunFacts(_ html: String) -> [Substring] {
        var text = html
        if let start = text.range(of: "<footer class=\"run-facts\">"),
           let end = text.range(of: "</footer>", range: start.upperBound..<text.endIndex) {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        text = text.replacingOccurrences(of: #"class="time">[^<]*"#, with: #"class="time">"#,
                                         options: .regularExpression)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
