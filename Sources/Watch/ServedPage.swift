import CellOutput
import Foundation

/// Turns a saved report into the page `folio watch` serves: the same HTML plus a reload script and,
/// when the notebook no longer parses, an error banner on top. Saved reports never go through here,
/// so they keep their "no scripts" promise.
public enum ServedPage {
    /// The report with the reload script (and the banner, when there is an error).
    ///
    /// `generation` counts finished renders: the script passes it back when it opens the event stream,
    /// so a render that finished between serving the page and connecting still reloads it.
    public static func make(report: String, error: String?, generation: Int, nonce: String) -> String {
        var html = allowScript(in: report, nonce: nonce)
        if let error { html = insertAfterBody(banner(error), in: html) }
        let script = reloadScript(generation: generation, nonce: nonce)
        if let end = html.range(of: "</body>", options: .backwards) {
            html.replaceSubrange(end.lowerBound..<end.lowerBound, with: script)
        } else {
            html += script
        }
        return html
    }

    /// A page for when there is no good report yet: the notebook failed to parse on the first render.
    public static func errorOnly(_ error: String, generation: Int, nonce: String) -> String {
        let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        \(policyMeta)<title>folio watch: error</title>
        </head>
        <body>
        <p>No report yet: the notebook has not rendered successfully since <code>folio watch</code> started.</p>
        </body>
        </html>

        """
        return make(report: page, error: error, generation: generation, nonce: nonce)
    }

    /// The reports' own policy (see HTMLReport): the served copy widens it for one nonce'd script.
    private static let policyMeta = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "style-src 'unsafe-inline'; img-src data:\">\n"

    /// Adds `script-src 'nonce-…'` and `connect-src 'self'` to the report's Content-Security-Policy,
    /// whose `default-src 'none'` would otherwise block both the script and its EventSource. Only the
    /// script carrying the nonce may run, so the notebook's own content gains no new powers.
    /// A raw-HTML report has no policy meta and needs no change.
    static func allowScript(in html: String, nonce: String) -> String {
        let marker = "http-equiv=\"Content-Security-Policy\" content=\""
        guard let meta = html.range(of: marker),
              let close = html.range(of: "\"", range: meta.upperBound..<html.endIndex) else { return html }
        var html = html
        html.replaceSubrange(close.lowerBound..<close.lowerBound,
                             with: "; script-src 'nonce-\(nonce)'; connect-src 'self'")
        return html
    }

    static func banner(_ error: String) -> String {
        "<div id=\"folio-watch-error\" role=\"alert\" style=\"margin:0 0 1em;padding:0.8em 1em;background:#fde8e8;"
            + "border-bottom:2px solid #c81e1e;color:#771d1d;font-family:monospace;white-space:pre-wrap\">"
            + "<strong>The notebook no longer renders; showing the last good report.</strong>\n"
            + escapeMarkup(error) + "</div>\n"
    }

    private static func insertAfterBody(_ fragment: String, in html: String) -> String {
        guard let body = html.range(of: "<body"),
              let end = html.range(of: ">", range: body.upperBound..<html.endIndex) else { return fragment + html }
        var html = html
        html.replaceSubrange(end.upperBound..<end.upperBound, with: "\n" + fragment)
        return html
    }

    /// Reloads the page on each `reload` event; EventSource reconnects by itself if the server restarts.
    static func reloadScript(generation: Int, nonce: String) -> String {
        "<script nonce=\"\(nonce)\">new EventSource('/events?since=\(generation)')"
            + ".addEventListener('reload', function () { location.reload(); });</script>\n"
    }

    /// A fresh nonce for each served page.
    public static func makeNonce() -> String {
        (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
