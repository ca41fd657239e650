import CellOutput
import Foundation
import RunLimits
import Yams

/// The YAML block between `---` lines at the top of a notebook.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var subtitle: String?
    public var authors: [String] = []
    public var date: String?
    /// Parameters in the order written; cells read them as `params.name`.
    public var params: [(name: String, value: ParamValue)] = []
    /// A fixed seed makes runs repeatable; nil means fresh randomness each run.
    public var seed: Int?
    /// Allow raw HTML in prose (`raw-html: true`); off by default so a notebook cannot inject script.
    public var rawHTML = false
    /// `timeout:` seconds each cell may run unless it sets its own.
    public var cellTimeout: Double?
    /// `notebook-timeout:` seconds the whole notebook may run.
    public var notebookTimeout: Double?
    /// `memory:` the run's memory budget in bytes.
    public var memory: Int?
    /// `cache: true`: keep every cell's results in `.folio-cache/` and reuse them while nothing they
    /// depend on changes.
    public var cache = false

    public init() {}

    public static func == (lhs: FrontMatter, rhs: FrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.subtitle == rhs.subtitle && lhs.authors == rhs.authors
            && lhs.date == rhs.date && lhs.seed == rhs.seed && lhs.rawHTML == rhs.rawHTML
            && lhs.cellTimeout == rhs.cellTimeout && lhs.notebookTimeout == rhs.notebookTimeout
            && lhs.memory == rhs.memory && lhs.cache == rhs.cache
            && lhs.params.map(\.name) == rhs.params.map(\.name) && lhs.params.map(\.value) == rhs.params.map(\.value)
    }

    /// Parses `yaml`, whose first line is notebook line `firstLine`. Unknown keys are kept out of the
    /// way (front matter is often shared with other tools); known keys with a wrong type are errors.
    static func parse(_ yaml: String, file: String, firstLine: Int) throws -> FrontMatter {
        func failure(_ message: String, line: Int, column: Int = 1) -> DiagnosticList {
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let text = line - 1 < lines.count ? String(lines[line - 1]) : ""
            return DiagnosticList([Diagnostic(
                at: SourceLocation(file: file, line: firstLine + line - 1, column: column),
                message, sourceLine: text)])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (problem, mark) = describe(error)
            throw failure("invalid YAML in front matter: \(problem)", line: mark?.line ?? 1, column: mark?.column ?? 1)
        }
        var matter = FrontMatter()
        guard let root else { return matter }
        guard case .mapping(let mapping) = root else {
            throw failure("front matter must be a YAML mapping of 'key: value' lines", line: root.mark?.line ?? 1)
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line ?? 1
            func text() throws -> String {
                guard case .scalar(let scalar) = value else {
                    throw failure("front matter '\(key)' must be text", line: line)
                }
                return scalar.string
            }
            switch key {
            case "title": matter.title = try text()
            case "subtitle": matter.subtitle = try text()
            case "date": matter.date = try text()
            case "author", "authors":
                if case .sequence(let list) = value {
                    matter.authors = list.compactMap(\.string)
                } else {
                    matter.authors = [try text()]
                }
            case "seed":
                guard value.tag.rawValue == Tag.Name.int.rawValue, let seed = value.int else {
                    throw failure("front matter 'seed' must be an integer, such as 'seed: 42'", line: line)
                }
                matter.seed = seed
            case "raw-html", "cache":
                guard value.tag.rawValue == Tag.Name.bool.rawValue, let flag = value.bool else {
                    throw failure("front matter '\(key)' must be true or false", line: line)
                }
                if key == "cache" { matter.cache = flag } else { matter.rawHTML = flag }
            case "params":
                matter.params = try parseParams(value, fail: { failure($0, line: $1) })
            case "timeout", "notebook-timeout":
                switch LimitSettings.parseSeconds(try text(), "front matter '\(key)'") {
                case .success(let seconds):
                    if key == "timeout" { matter.cellTimeout = seconds } else { matter.notebookTimeout = seconds }
                case .failure(let problem): throw failure(problem.description, line: line)
                }
            case "memory":
                switch LimitSettings.parseBytes(try text(), "front matter 'memory'") {
                case .success(let bytes): matter.memory = bytes
                case .failure(let problem): throw failure(problem.description, line: line)
                }
            default:
                continue
            }
        }
        return matter
    }

    private static func parseParams(_ node: Node, fail: (String, Int) -> DiagnosticList)
        throws -> [(name: String, value: ParamValue)] {
        guard case .mapping(let mapping) = node else {
            throw fail("front matter 'params' must be a mapping of 'name: default value' lines", node.mark?.line ?? 1)
        }
        return try mapping.map { keyNode, value in
            let name = keyNode.string ?? ""
            let line = keyNode.mark?.line ?? 1
            guard isIdentifier(name) else {
                throw fail("parameter name '\(name)' is not a valid identifier", line)
            }
            switch Tag.Name(rawValue: value.tag.rawValue) {
            case .int: if let int = value.int { return (name, .int(int)) }
            case .float: if let double = value.float { return (name, .double(double)) }
            case .bool: if let bool = value.bool { return (name, .bool(bool)) }
            case .str: if let string = value.string { return (name, .string(string)) }
            default: break
            }
            throw fail("parameter '\(name)' must have a number, true/false or text as its default", line)
        }
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return (problem, mark)
        default:
            return (String(describing: error), nil)
        }
    }

    /// Applies `-p name=value` overrides, checking each against its default's type.
    public mutating func applyOverrides(_ overrides: [(name: String, text: String)]) throws {
        for (name, text) in overrides {
            guard let index = params.firstIndex(where: { $0.name == name }) else {
                let known = params.map(\.name)
                let hint = closestMatch(to: name, in: known).map { "; did you mean '\($0)'?" }
                    ?? (known.isEmpty ? "; the notebook declares no params in its front matter"
                                      : " (declared: \(known.joined(separator: ", ")))")
                throw ParameterError("unknown parameter '\(name)'\(hint)")
            }
            let current = params[index].value
            guard let value = current.parsingOverride(text) else {
                throw ParameterError(
                    "parameter '\(name)' expects \(current.typeName) (default \(current)), got '\(text)'")
            }
            params[index].value = value
        }
    }
}

/// A bad `-p name=value` on the command line.
public struct ParameterError: Error, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = message }
}

func isIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
}
