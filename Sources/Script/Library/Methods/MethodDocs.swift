/// The API docs' table of builtin members, generated from `MethodTable` so that it cannot drift:
/// a test compares it with docs/notebook-api.md (and rewrites it with FOLIO_UPDATE_DOCS=1).
extension MethodTable {
    static let docsBegin = "<!-- builtin members: generated from Sources/Script/Library/Methods; "
        + "FOLIO_UPDATE_DOCS=1 swift test --filter MethodTableTests rewrites it -->"
    static let docsEnd = "<!-- end of builtin members -->"

    /// The Markdown table, one row per entry, grouped by the kind of value it is first declared for.
    static var markdown: String {
        let ordered = all.enumerated().sorted {
            ($0.element.receivers[0].rawValue, $0.offset) < ($1.element.receivers[0].rawValue, $1.offset)
        }.map(\.element)
        var lines = [docsBegin, "", "| on | member | what it does |", "|---|---|---|"]
        for entry in ordered {
            let on = entry.receivers.map(\.title).joined(separator: ", ")
            let signature = (entry.isMutating ? "mutating " : "") + entry.signature
            lines.append("| \(on) | `\(signature)` | \(entry.doc) |")
        }
        return (lines + ["", docsEnd]).joined(separator: "\n")
    }

    /// `document` with its generated section replaced by the current table; nil if it has no section.
    static func updatingDocs(_ document: String) -> String? {
        guard let begin = document.range(of: docsBegin), let end = document.range(of: docsEnd),
              begin.lowerBound < end.lowerBound else { return nil }
        return String(document[..<begin.lowerBound]) + markdown + String(document[end.upperBound...])
    }
}
