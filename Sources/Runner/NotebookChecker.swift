import CellOutput
import Notebook
import Script

/// `folio check`: every problem in a notebook that can be found without running it.
public enum NotebookChecker {
    /// The problems as printable messages; empty when the notebook is fine.
    public static func check(_ path: String) -> [String] {
        do {
            let document = try NotebookLoader.load(path)
            return NotebookRunner.check(document).map(\.description)
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }
}
