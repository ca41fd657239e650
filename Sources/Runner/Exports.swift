import Foundation
import RunLimits
import Report

/// A kind of file `folio render --to` writes: `<name>.html`, `<name>.pdf`, `<name>.ipynb`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case html, pdf, ipynb

    /// `--to`'s comma-separated list (`html,pdf,ipynb`). HTML is always among them: it is the report
    /// itself, the PDF is printed from it, and it shows why a run failed when the others cannot be written.
    public static func list(_ text: String) -> Result<Set<ExportFormat>, ExportFormatError> {
        var formats: Set<ExportFormat> = [.html]
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = item.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = ExportFormat(rawValue: name) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(ExportFormatError(description: "--to takes a comma-separated list of \(known); "
                                                  + "got '\(name)' in '\(text)'"))
            }
            formats.insert(format)
        }
        return .success(formats)
    }
}

/// A `--to` list naming a format Folio does not write.
public struct ExportFormatError: Error, CustomStringConvertible {
    public var description: String
}

extension Renderer {
    /// Writes the formats asked for beyond HTML next to the report `html`, which is already written, so
    /// that a format that fails never costs the report; the status the render ends with for them.
    func writeExports(_ run: NotebookRun, report html: URL) -> ExitStatus {
        let notebook = run.document.file
        let written = "the HTML report is written (\(relativeToWorkingDirectory(html.path)))"
        var status = ExitStatus.success
        if formats.contains(.ipynb) {
            let target = html.deletingPathExtension().appendingPathExtension("ipynb")
            do {
                try AtomicFile.write(IpynbWriter.render(run), to: target)
                log("wrote \(relativeToWorkingDirectory(target.path))")
            } catch {
                log("\(notebook): error: cannot write \(target.path): \(error.localizedDescription); \(written)")
                status = .badInput
            }
        }
        if formats.contains(.pdf) {
            let target = html.deletingPathExtension().appendingPathExtension("pdf")
            do {
                try PDFPrinter().print(html, to: target)
                log("wrote \(relativeToWorkingDirectory(target.path))")
            } catch {
                log("\(notebook): error: cannot print the PDF: \(error); \(written), "
                    + "and a browser can print it too")
                status = .badInput
            }
        }
        return status
    }
}
