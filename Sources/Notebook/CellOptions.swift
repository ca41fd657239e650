import CellOutput
import Foundation
import RunLimits

/// Quarto-style options written as leading `//| key: value` lines of a cell.
public struct CellOptions: Sendable, Equatable {
    /// A name for the cell, unique in the notebook; it becomes the cell's anchor in the report.
    public var label: String?
    /// Show the cell's code in the report.
    public var echo = true
    /// Show the cell's outputs in the report.
    public var output = true
    /// The cell is allowed to fail: its error is shown and the run goes on.
    public var error = false
    /// Seconds the cell may run before it is stopped with an error (nil: the notebook's default).
    public var timeout: Double?
    /// The cell's memory budget in bytes (nil: the notebook's).
    public var memory: Int?
    /// Whether the cache may keep this cell (nil: as the notebook says; `cache: false` opts out).
    public var cache: Bool?
    /// How many leading source lines were option lines.
    public var lineCount = 0
    /// The options whose value names a front-matter parameter, set from it (`ParameterOption`).
    public var fromParameters: [ParameterOption] = []

    public init() {}

    /// The option names a cell accepts, listed in the error for an unknown one.
    public static var known: [String] { CellOptionSpec.all.map(\.name) }

    /// Reads the leading `//|` lines of `source`. `firstLine` is the notebook line of the source's first
    /// line; every problem becomes a diagnostic at the option's own line. A value `params.name` takes
    /// the parameter's value from `params` (the front matter's).
    static func parse(_ source: String, file: String, firstLine: Int,
                      params: [(name: String, value: ParamValue)] = []) -> (CellOptions, [Diagnostic]) {
        var options = CellOptions()
        var problems: [Diagnostic] = []
        for (offset, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("//|") else { break }
            options.lineCount = offset + 1
            let column = line.count - trimmed.count + 1
            let here = SourceLocation(file: file, line: firstLine + offset, column: column)
            func fail(_ message: String) {
                problems.append(Diagnostic(at: here, message, sourceLine: line, length: trimmed.count))
            }
            let body = trimmed.dropFirst(3)
            guard let colon = body.firstIndex(of: ":") else {
                fail("cell option must read '//| key: value'")
                continue
            }
            let key = body[..<colon].trimmingCharacters(in: .whitespaces)
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard let spec = CellOptionSpec.all.first(where: { $0.name == key }) else {
                let hint = closestMatch(to: key, in: known).map { "; did you mean '\($0)'?" }
                    ?? " (known options: \(known.joined(separator: ", ")))"
                fail("unknown cell option '\(key)'\(hint)")
                continue
            }
            if let parameter = ParameterOption.parameterName(in: value) {
                options.fromParameters.append(ParameterOption(key: key, parameter: parameter, location: here,
                                                              sourceLine: line, length: trimmed.count))
            } else if let problem = spec.apply(value, &options) {
                fail(problem)
            }
        }
        problems += options.applyParameters(params)
        return (options, problems)
    }
}

/// One cell option: its name, what it does, and how its value is read into `CellOptions`.
/// The list below is the only place an option is declared; `known`, "did you mean" and the
/// docs' option table all come from it.
public struct CellOptionSpec: Sendable {
    public let name: String
    /// What the option does and its default, for the docs.
    public let summary: String
    /// Reads `value` into the options; returns the problem with it, if any.
    let apply: @Sendable (String, inout CellOptions) -> String?

    public static let all: [CellOptionSpec] = [
        CellOptionSpec(name: "label", summary: "a name for the cell, its anchor in the report") { value, options in
            if value.isEmpty { return "cell option 'label' needs a name" }
            options.label = unquoted(value)
            return nil
        },
        flag("echo", "show the cell's code (default true)") { $0.echo = $1 },
        flag("output", "show the cell's outputs (default true)") { $0.output = $1 },
        flag("error", "the cell may fail without stopping the run (default false)") { $0.error = $1 },
        flag("cache", "keep the cell's results in the cache, when caching is on (default true)") { $0.cache = $1 },
        CellOptionSpec(name: "timeout", summary: "seconds before the cell is stopped (default: the notebook's)") {
            value, options in
            switch LimitSettings.parseSeconds(value, "cell option 'timeout'") {
            case .success(let seconds): options.timeout = seconds; return nil
            case .failure(let problem): return problem.description
            }
        },
        CellOptionSpec(name: "memory", summary: "the cell's memory budget, e.g. 8G (default: the notebook's)") {
            value, options in
            switch LimitSettings.parseBytes(value, "cell option 'memory'") {
            case .success(let bytes): options.memory = bytes; return nil
            case .failure(let problem): return problem.description
            }
        },
    ]

    private static func flag(_ name: String, _ summary: String,
                             _ set: @escaping @Sendable (inout CellOptions, Bool) -> Void) -> CellOptionSpec {
        CellOptionSpec(name: name, summary: summary) { value, options in
            switch value.lowercased() {
            case "true", "yes": set(&options, true)
            case "false", "no": set(&options, false)
            default: return "cell option '\(name)' must be true or false, not '\(value)'"
            }
            return nil
        }
    }

    private static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
