import CellOutput

/// A cell option whose value names a front-matter parameter (`//| echo: params.fullOutput`), so
/// one notebook renders a short and a full report as papermill's and Quarto's parameters do.
/// It is read when the notebook is parsed, with the parameters' defaults, and again after `-p`
/// overrides, through the option's own reader in both cases: a bad value is the same error at the
/// same line either way, and nothing runs before every option is known.
public struct ParameterOption: Sendable, Equatable {
    /// The option's name ("echo").
    public var key: String
    /// The parameter's name ("fullOutput").
    public var parameter: String
    /// Where the option line is, for diagnostics.
    var location: SourceLocation
    var sourceLine: String
    var length: Int

    /// The parameter a value such as `params.fullOutput` names, or nil for a plain value.
    static func parameterName(in value: String) -> String? {
        guard value.hasPrefix("params.") else { return nil }
        return String(value.dropFirst("params.".count))
    }
}

extension CellOptions {
    /// Sets every option that names a parameter from the parameter's current value; returns one
    /// diagnostic per option that cannot be set (unknown parameter, or a value the option refuses).
    mutating func applyParameters(_ params: [(name: String, value: ParamValue)]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for option in fromParameters {
            func fail(_ message: String) {
                problems.append(Diagnostic(at: option.location, message, sourceLine: option.sourceLine,
                                           length: option.length))
            }
            guard let value = params.first(where: { $0.name == option.parameter })?.value else {
                let known = params.map(\.name)
                let hint = closestMatch(to: option.parameter, in: known).map { "; did you mean '\($0)'?" }
                    ?? (known.isEmpty ? "; the front matter declares no params"
                                      : " (declared: \(known.joined(separator: ", ")))")
                fail("cell option '\(option.key)' names an unknown parameter '\(option.parameter)'\(hint)")
                continue
            }
            guard let spec = CellOptionSpec.all.first(where: { $0.name == option.key }) else { continue }
            if let problem = spec.apply(value.description, &self) {
                fail("params.\(option.parameter) is \(value.typeName) \(value): \(problem)")
            }
        }
        return problems
    }
}

extension Document {
    /// Applies `-p name=value` overrides to the front matter, then sets again every cell option
    /// that names a parameter. Throws `ParameterError` for a bad override, and the options' own
    /// diagnostics (at their lines) when an overridden value does not suit an option.
    public mutating func applyOverrides(_ overrides: [(name: String, text: String)]) throws {
        try frontMatter.applyOverrides(overrides)
        var problems: [Diagnostic] = []
        for index in blocks.indices {
            guard case .cell(var cell) = blocks[index], !cell.options.fromParameters.isEmpty else { continue }
            problems += cell.options.applyParameters(frontMatter.params)
            blocks[index] = .cell(cell)
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }
}
