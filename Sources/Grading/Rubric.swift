import Foundation
import Yams

/// What a grade checks (`--rubric rubric.yaml`): how many runs, and limits on recorded and measured
/// values, each checked on the mean over the runs (the maximum for `parameters`).
///
///     runs: 5
///     limits:
///       test error: {max: 0.12, target: 0.09}
///       parameters: {max: 1000000}
///       cpu seconds: {max: 300}
public struct Rubric: Equatable, Sendable {
    public struct Limit: Equatable, Sendable {
        /// A recorded name (`test error`) or a measured one (see `Measured`).
        public var name: String
        public var max: Double?
        public var min: Double?
        /// A stricter bound for top marks: at most this when `max` is set, else at least this.
        public var target: Double?
    }

    public var runs: Int?
    public var limits: [Limit] = []

    public init(runs: Int? = nil, limits: [Limit] = []) {
        self.runs = runs
        self.limits = limits
    }

    /// Reads a rubric file; every problem names the file and line.
    public static func load(_ path: String) throws -> Rubric {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw GradeError("\(path): error: cannot read the rubric; check the path")
        }
        return try parse(text, file: path)
    }

    static func parse(_ text: String, file: String) throws -> Rubric {
        func fail(_ message: String, _ node: Node?) -> GradeError {
            GradeError("\(file):\(node?.mark?.line ?? 1): error: \(message)")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw GradeError("\(file): error: invalid YAML: \(error)")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw fail("a rubric is a mapping with 'runs:' and 'limits:'", root)
        }
        var rubric = Rubric()
        for (key, value) in mapping {
            switch key.string {
            case "runs":
                guard let runs = value.int, (1...100).contains(runs) else {
                    throw fail("'runs' must be 1 to 100", value)
                }
                rubric.runs = runs
            case "limits":
                guard case .mapping(let limits) = value else {
                    throw fail("'limits' maps names to {max:, target:}", value)
                }
                rubric.limits = try limits.map { name, bounds in try parseLimit(name, bounds, fail: fail) }
            default:
                throw fail("unknown rubric key '\(key.string ?? "")' (known: runs, limits)", key)
            }
        }
        return rubric
    }

    private static func parseLimit(_ name: Node, _ bounds: Node, fail: (String, Node?) -> GradeError) throws -> Limit {
        guard let title = name.string, !title.isEmpty else { throw fail("a limit needs a name", name) }
        guard case .mapping(let entries) = bounds else {
            throw fail("limit '\(title)' must read {max: …} or {min: …}, with an optional target", bounds)
        }
        var limit = Limit(name: title)
        for (key, value) in entries {
            guard let number = value.float ?? value.int.map(Double.init), number.isFinite else {
                throw fail("'\(key.string ?? "")' of limit '\(title)' must be a number", value)
            }
            switch key.string {
            case "max": limit.max = number
            case "min": limit.min = number
            case "target": limit.target = number
            default: throw fail("limit '\(title)' takes max, min and target, not '\(key.string ?? "")'", key)
            }
        }
        guard limit.max != nil || limit.min != nil else { throw fail("limit '\(title)' needs max or min", bounds) }
        return limit
    }
}

/// The values Folio measures itself, which a rubric may name beside the recorded ones.
public enum Measured {
    public static let cpuSeconds = "cpu seconds"
    public static let wallSeconds = "wall seconds"
    public static let memory = "memory MB"
    public static let parameters = "parameters"
    public static let all = [cpuSeconds, wallSeconds, memory, parameters]
}

/// A bad command line, rubric or template: `folio grade` exits with status 2.
public struct GradeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
