import CellOutput
import Notebook

/// A cell's outputs as Jupyter output objects: each kind under the MIME types a notebook viewer knows,
/// always with `text/plain` beside a rich one, for viewers that show only text.
enum IpynbOutputs {
    /// The outputs in order; consecutive text (a run of `print`s) joins into one stream, as in the report.
    static func outputs(_ outputs: [Output]) -> [JSONValue] {
        var result: [JSONValue] = []
        for output in outputs.joiningText {
            switch output {
            case .text(let text):
                guard !text.isEmpty else { continue }
                result.append(.object(["output_type": .string("stream"), "name": .string("stdout"),
                                       "text": JSONValue.lines(text)]))
            case .table(let table):
                result.append(display(["text/html": OutputHTML.table(table), "text/plain": table.plainText]))
            case .markdown(let markdown):
                result.append(display(["text/markdown": markdown, "text/plain": markdown]))
            case .svg(let svg, let title):
                // The charts' raster images are PNG inside the SVG, so the SVG carries them.
                result.append(display(["image/svg+xml": svg, "text/plain": title.isEmpty ? "chart" : title]))
            }
        }
        return result
    }

    /// The error a cell ended with, its traceback the diagnostic as the report prints it.
    static func error(_ diagnostic: Diagnostic, allowed: Bool) -> JSONValue {
        let note = allowed ? ["This cell is expected to fail (error: true)."] : []
        let traceback = note + diagnostic.description.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        return .object(["output_type": .string("error"), "ename": .string("Error"),
                        "evalue": .string(diagnostic.message), "traceback": .array(traceback.map(JSONValue.string))])
    }

    private static func display(_ data: [String: String]) -> JSONValue {
        .object(["output_type": .string("display_data"), "metadata": .object([:]),
                 "data": .object(data.mapValues(JSONValue.lines))])
    }
}
