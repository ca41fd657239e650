import CellOutput
import Notebook

/// Puts each `{swift}` expression's value into its prose: the value as plain text, an error as a
/// marked span that names it, and an expression the run never reached as its code, marked not run.
enum InlineValueHTML {
    static func fill(_ prose: Prose, values: [InlineValue]) -> String {
        var html = prose.html
        for expression in prose.expressions {
            let index = expression.index
            let value = index < values.count ? values[index] : .notRun
            html = html.replacingOccurrences(of: InlineExpression.placeholder(index),
                                             with: self.html(value, expression: expression))
        }
        return html
    }

    /// The id of the element that shows expression `index`, for the failure link at the top.
    static func anchor(_ index: Int) -> String { "inline-\(index)" }

    private static func html(_ value: InlineValue, expression: InlineExpression) -> String {
        switch value {
        case .shown(let text):
            return "<span class=\"inline-value\">\(escapeMarkup(text))</span>"
        case .failed(let diagnostic):
            return "<code class=\"inline-error\" id=\"\(anchor(expression.index))\" "
                + "title=\"\(escapeMarkup(diagnostic.description))\">\(escapeMarkup(diagnostic.headline))</code>"
        case .notRun:
            return "<code class=\"inline-not-run\" title=\"not run: an earlier cell failed\">"
                + "\(escapeMarkup(expression.source))</code>"
        }
    }
}
