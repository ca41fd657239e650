import Foundation
import RunLimits

/// Prints a written HTML report to PDF with headless Chromium (`--print-to-pdf`).
///
/// The page numbers and print layout come from the report's own stylesheet (`@media print`, and `@page`
/// margin boxes, which Chromium lays out since version 131), so Chromium runs once, with its own header
/// and footer off, and no DevTools session is needed; printing the HTML from a browser gives the same
/// pages. Chromium writes into a temporary file that replaces the PDF only when it is a whole PDF, and
/// a Chromium that hangs is killed, with everything it started, at `timeout`.
struct PDFPrinter {
    /// Names a Chromium or Chrome executable to use instead of looking on PATH.
    static let browserVariable = "FOLIO_CHROMIUM"
    /// Seconds Chromium may take to print, instead of `defaultTimeout`.
    static let timeoutVariable = "FOLIO_PDF_TIMEOUT"
    static let defaultTimeout = 120.0
    /// What Chromium and Chrome are called on PATH, in the order they are looked for.
    static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    var environment = ProcessInfo.processInfo.environment

    /// Prints `html` to `target`, or throws the reason it could not, worded for the person who ran Folio.
    func print(_ html: URL, to target: URL) throws {
        let browser = try findBrowser()
        let timeout = environment[Self.timeoutVariable].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
            ?? Self.defaultTimeout
        try AtomicFile.write(to: target) { _, temporary in
            let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--no-pdf-header-footer", "--print-to-pdf=\(temporary)", html.absoluteString]
            let ending: ChildProcess.Ending
            do {
                ending = try ChildProcess.run(browser, arguments, environment: environment, wallLimit: timeout)
            } catch {
                throw PDFError("cannot start \(browser): \(error.localizedDescription)")
            }
            if ending.hitWallLimit {
                throw PDFError("\(browser) did not finish printing within \(Self.seconds(timeout)) and was stopped; "
                               + "try again, or set \(Self.timeoutVariable) to allow it longer")
            }
            guard ending.status == 0 else {
                let how = ending.signal.map { "was killed by signal \($0)" }
                    ?? "failed (exit status \(ending.status ?? -1))"
                throw PDFError("\(browser) \(how)\(Self.excerpt(ending.standardError))")
            }
            guard Self.isWholePDF(temporary) else {
                throw PDFError("\(browser) ended without writing a whole PDF\(Self.excerpt(ending.standardError))")
            }
        }
    }

    /// The executable named by `FOLIO_CHROMIUM`, else the first Chromium or Chrome on PATH.
    func findBrowser() throws -> String {
        let install = "install Debian's chromium package (apt-get install chromium)"
        if let named = environment[Self.browserVariable], !named.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: named) else {
                throw PDFError("\(Self.browserVariable) names \(named), which is not an executable file; point it "
                               + "at Chromium or Chrome, or unset it and \(install)")
            }
            return named
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in Self.browserNames {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        throw PDFError("printing needs Chromium, and none was found (looked for "
                       + Self.browserNames.joined(separator: ", ") + " on PATH); \(install), "
                       + "or set \(Self.browserVariable) to a Chromium or Chrome executable")
    }

    /// A PDF begins `%PDF-` and ends with `%%EOF` (and perhaps a line break): anything else is cut short.
    static func isWholePDF(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        guard let head = try? file.read(upToCount: 5), head == Data("%PDF-".utf8),
              let size = try? file.seekToEnd(), size > 16 else { return false }
        try? file.seek(toOffset: size - 16)
        let tail = (try? file.read(upToCount: 16)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return tail.contains("%%EOF")
    }

    /// The last lines Chromium wrote to standard error that say something (not its D-Bus complaints).
    private static func excerpt(_ errors: String) -> String {
        let lines = errors.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("unexpected operator") }
        guard !lines.isEmpty else { return "" }
        return ": " + lines.suffix(3).joined(separator: " | ")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// Why a PDF could not be printed; the renderer adds the notebook's name and that the HTML is written.
struct PDFError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
