import FolioTestSupport
import Foundation
import XCTest

/// `folio render --to html,pdf,ipynb` end to end: the `.ipynb` as Jupyter's own tools read it, the PDF
/// as Chromium prints it, and what happens when Chromium is missing, hangs or writes half a file.
final class ExportTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Where `scripts/setup --deps` installs nbformat and nbconvert.
    private static let venv = repository.appendingPathComponent(".venv-test/bin")

    private let notebook = """
    ---
    title: Export Check
    author: Ada
    ---
    # Results

    ```swift
    let total = 6
    print("total", total)
    table([["cnn", "0.91"], ["mlp", "0.88"]], header: ["model", "accuracy"], title: "Accuracy")
    ```

    The sum is `{swift} total`.

    ```swift
    lineChart(["train": [1.0, 0.6, 0.4], "val": [1.1, 0.8, 0.7]], title: "Loss per epoch")
    ```

    ```swift
    //| error: true
    let broken = missingName
    ```

    ```swift
    for i in 1...60 { print("line \\(i) of a long output that spills onto a second page") }
    ```
    """

    var folder: URL!
    var out: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
        out = folder.appendingPathComponent("out")
    }

    private func render(_ formats: String, environment: [String: String] = [:]) throws -> ProcessResult {
        let path = try writeFile(in: folder, "check.md", notebook)
        return try runFolio(["render", path, "-o", out.path, "--to", formats], environment: environment)
    }

    private func file(_ name: String) -> URL { out.appendingPathComponent(name) }

    // MARK: - ipynb

    func testIpynbPassesNbformatValidationAndNbconvert() throws {
        let python = Self.venv.appendingPathComponent("python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("no \(python): run scripts/setup --deps, which installs nbformat and nbconvert there")
        }
        let result = try render("ipynb")
        XCTAssertEqual(result.status, 0, result.stderr)
        let ipynb = file("check.ipynb").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: file("check.html").path), "the HTML comes too")

        let validation = try run(python, ["-c", "import nbformat, sys\n"
                                          + "nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)\n"
                                          + "assert (nb.nbformat, nb.nbformat_minor) == (4, 5), nb.nbformat_minor\n"
                                          + "nbformat.validate(nb)\nprint(len(nb.cells))", ipynb])
        XCTAssertEqual(validation.status, 0, validation.output)
        XCTAssertEqual(validation.output.trimmingCharacters(in: .whitespacesAndNewlines), "6", validation.output)

        let converted = folder.appendingPathComponent("converted")
        let nbconvert = try run(Self.venv.appendingPathComponent("jupyter").path,
                                ["nbconvert", "--to", "html", "--output-dir", converted.path, ipynb])
        XCTAssertEqual(nbconvert.status, 0, nbconvert.output)
        let html = try String(contentsOf: converted.appendingPathComponent("check.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("The sum is 6."), "the inline value is in the prose")
        XCTAssertTrue(html.contains("<td>cnn</td>"), "the table")
        XCTAssertTrue(html.contains("image/svg+xml"), "the chart")
    }

    // MARK: - PDF

    func testPDFHasTheTitleOnPageOneAndPageNumbers() throws {
        guard Self.chromium() != nil else { throw XCTSkip("no chromium on PATH: apt-get install chromium") }
        let result = try render("html,pdf,ipynb")
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["check.html", "check.pdf", "check.ipynb"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: file(name).path), name)
        }
        let pdf = try Data(contentsOf: file("check.pdf"))
        XCTAssertTrue(pdf.starts(with: Data("%PDF".utf8)))
        XCTAssertTrue(result.stderr.contains("wrote") && result.stderr.contains("check.pdf"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") },
                       [], "no temporary file is left")

        guard let pdftotext = Self.onPath("pdftotext") else {
            // Without poppler, count the page objects: at least one.
            let text = String(decoding: pdf, as: UTF8.self)
            XCTAssertNotNil(text.range(of: "/Type\\s*/Page[^s]", options: .regularExpression), "at least one page")
            return
        }
        let whole = try run(pdftotext, [file("check.pdf").path, "-"])
        let pages = whole.output.components(separatedBy: "\u{0C}").filter { !$0.allSatisfy(\.isWhitespace) }
        XCTAssertGreaterThanOrEqual(pages.count, 2, "the long output spills onto a second page")
        let first = try XCTUnwrap(pages.first)
        XCTAssertTrue(first.contains("Export Check"), "the title is on page one:\n\(first)")
        // pdftotext may drop the spaces of "1 / 3".
        func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        XCTAssertTrue(squeezed(first).contains("1/\(pages.count)"), "page one is numbered:\n\(first)")
        XCTAssertTrue(squeezed(pages[1]).contains("2/\(pages.count)"), "page two is numbered:\n\(pages[1])")
        XCTAssertTrue(whole.output.contains("Loss per epoch") && whole.output.contains("Accuracy"),
                      "the chart and the table are printed")
    }

    func testMissingChromiumNamesThePackageAndStillWritesTheHTML() throws {
        let result = try render("pdf", environment: ["FOLIO_CHROMIUM": folder.appendingPathComponent("no-such").path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("check.md: error: cannot print the PDF"), result.stderr)
        XCTAssertTrue(result.stderr.contains("apt-get install chromium"), "names Debian's package: \(result.stderr)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: file("check.html").path), "the HTML is written")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file("check.pdf").path))
    }

    func testAHangingChromiumIsStoppedAndTheEarlierPDFKept() throws {
        let browser = try fakeBrowser("exec sleep 60")
        try writeFile(in: out, "check.pdf", "earlier")
        let started = Date()
        let result = try render("pdf", environment: ["FOLIO_CHROMIUM": browser, "FOLIO_PDF_TIMEOUT": "1"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "Chromium was killed at its limit")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("did not finish printing within 1 s"), result.stderr)
        XCTAssertEqual(try String(contentsOf: file("check.pdf"), encoding: .utf8), "earlier")
        XCTAssertTrue(FileManager.default.fileExists(atPath: file("check.html").path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") },
                       [], "the temporary file is gone")
    }

    func testHalfAPDFNeverReplacesTheEarlierOne() throws {
        // Writes the start of a PDF where --print-to-pdf points, then exits as if all went well.
        let browser = try fakeBrowser("""
        for argument; do case $argument in --print-to-pdf=*) printf '%%PDF-1.4 cut' > "${argument#*=}";; esac; done
        """)
        try writeFile(in: out, "check.pdf", "earlier")
        let result = try render("pdf", environment: ["FOLIO_CHROMIUM": browser])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("without writing a whole PDF"), result.stderr)
        XCTAssertEqual(try String(contentsOf: file("check.pdf"), encoding: .utf8), "earlier")
    }

    func testAnUnknownFormatIsRefusedBeforeAnythingRuns() throws {
        let result = try render("html,docx")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--to takes a comma-separated list of html, pdf, ipynb"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file("check.html").path))
    }

    // MARK: - Helpers

    /// A shell script standing in for Chromium.
    private func fakeBrowser(_ body: String) throws -> String {
        let path = try writeFile(in: folder, "fake-chromium", "#!/bin/sh\n\(body)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    private static func chromium() -> String? {
        if let named = ProcessInfo.processInfo.environment["FOLIO_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: named) ? named : nil
        }
        return ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].lazy.compactMap(onPath).first
    }

    private static func onPath(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program to its end; its standard output and error together.
    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
