import FolioTestSupport
import Foundation
import XCTest

/// Each `Golden/name.md` runs and its transcript must equal `Golden/name.out` beside it.
/// To accept new output after a deliberate change, run with FOLIO_UPDATE_GOLDEN=1 and review the diff.
final class GoldenNotebookTests: XCTestCase {
    func testGoldenNotebooks() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let notebooks = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThan(notebooks.count, 5, "golden notebooks not found in \(folder.path)")
        let update = ProcessInfo.processInfo.environment["FOLIO_UPDATE_GOLDEN"] == "1"
        for name in notebooks {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let actual = runTranscript(text, file: name, allowErrors: name.contains("allow-errors"))
            let expectedURL = folder.appendingPathComponent(name.replacingOccurrences(of: ".md", with: ".out"))
            if update {
                try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
                XCTFail("\(name): no expected transcript \(expectedURL.lastPathComponent); run with FOLIO_UPDATE_GOLDEN=1 and review it")
                continue
            }
            if actual != expected { XCTFail("\(name): \(lineDiff(expected: expected, actual: actual))") }
        }
    }
}
