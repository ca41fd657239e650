import FolioTestSupport
import Foundation
import XCTest

/// The hostile corpus: each notebook in `Hostile/` is an input that once crashed Folio, hung it or lost
/// a report. Its expectations sit inside it, as HTML comments (prose, so never shown):
///
///     <!-- args: --timeout 0.5 -->                 extra command-line arguments
///     <!-- expect status: 1 -->                     the exit status (never a signal)
///     <!-- expect stderr: text -->                  text the messages must contain (`\u{1B}` escapes allowed)
///     <!-- expect no stderr: text -->               text they must not contain
///     <!-- expect report: text -->                  text the new report must contain
///
/// Every case also checks that an earlier report at the same path survives a status-2 run untouched
/// and that no temporary file is left behind.
final class HostileInputTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile")

    func testEveryHostileNotebookEndsAsItsExpectationsSay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10, "the corpus is where it should be")
        for name in names {
            try check(name)
        }
    }

    private func check(_ name: String) throws {
        let folder = try temporaryFolder(self)
        let source = Self.corpus.appendingPathComponent(name)
        let notebook = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: notebook)
        let data = Self.corpus.appendingPathComponent("data")
        if FileManager.default.fileExists(atPath: data.path) {
            try FileManager.default.copyItem(at: data, to: folder.appendingPathComponent("data"))
        }
        let expectations = Expectations(try Data(contentsOf: source))
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let report = out.appendingPathComponent(name.replacingOccurrences(of: ".md", with: ".html"))
        let earlier = Data("<!-- an earlier, good report -->".utf8)
        try earlier.write(to: report)

        let result = try runFolio(["render", notebook.path, "-o", out.path] + expectations.arguments)
        XCTAssertEqual(result.status, expectations.status, "\(name): exit status\n\(result.stderr)")
        for text in expectations.stderr {
            XCTAssertTrue(result.stderr.contains(text), "\(name): stderr lacks '\(text)':\n\(result.stderr)")
        }
        for text in expectations.notStderr {
            XCTAssertFalse(result.stderr.contains(text), "\(name): stderr contains '\(text)'")
        }
        let written = try Data(contentsOf: report)
        if expectations.status == 2 {
            XCTAssertEqual(written, earlier, "\(name): a rejected notebook must leave the earlier report alone")
        } else {
            let html = String(decoding: written, as: UTF8.self)
            XCTAssertTrue(html.hasSuffix("</html>\n"), "\(name): a whole new report is written")
            for text in expectations.report {
                XCTAssertTrue(html.contains(text), "\(name): the report lacks '\(text)'")
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "\(name): temporary files left behind")
    }
}

/// The `<!-- … -->` expectations of one hostile notebook.
private struct Expectations {
    var arguments: [String] = []
    var status: Int32 = 0
    var stderr: [String] = []
    var notStderr: [String] = []
    var report: [String] = []

    init(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: "\n")
        for line in text.split(separator: "\n") {
            guard line.hasPrefix("<!-- "), line.hasSuffix(" -->") else { continue }
            let body = String(line.dropFirst(5).dropLast(4))
            func value(after prefix: String) -> String? {
                body.hasPrefix(prefix) ? String(body.dropFirst(prefix.count)) : nil
            }
            if let args = value(after: "args: ") { arguments = args.split(separator: " ").map(String.init) }
            if let code = value(after: "expect status: ") { status = Int32(code) ?? -1 }
            if let text = value(after: "expect stderr: ") { stderr.append(text) }
            if let text = value(after: "expect no stderr: ") { notStderr.append(text) }
            if let text = value(after: "expect report: ") { report.append(text) }
        }
    }
}
