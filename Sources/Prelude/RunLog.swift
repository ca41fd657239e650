import CellOutput
import Foundation
import Script

/// What a run states about itself for a grader: the values cells `record`, and the size of every
/// model trained (measured by Folio as it trains, never taken from the notebook).
public final class RunLog: @unchecked Sendable {
    /// One recorded value: a number or a text.
    public enum Recorded: Equatable, Sendable, Codable {
        case number(Double)
        case text(String)

        /// As JSON, a number is a number and a text a string.
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else {
                self = .text(try container.decode(String.self))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    private let lock = NSLock()
    private var recordedValues: [(name: String, value: Recorded)] = []
    private var trainedModels: [Int] = []

    public init() {}

    /// `record(name, value)` in order; a name recorded twice keeps its last value.
    public var records: [(name: String, value: Recorded)] { lock.withLock { recordedValues } }
    /// The parameter count of each model trained, in the order training started.
    public var modelParameters: [Int] { lock.withLock { trainedModels } }

    func record(_ name: String, _ value: Recorded) {
        lock.withLock {
            recordedValues.removeAll { $0.name == name }
            recordedValues.append((name, value))
        }
    }

    /// Puts back what a cached run had recorded by this point.
    public func restore(records: [(String, Recorded)], modelParameters: [Int]) {
        lock.withLock {
            recordedValues = records.map { (name: $0.0, value: $0.1) }
            trainedModels = modelParameters
        }
    }

    func trained(parameters: Int) {
        lock.withLock { trainedModels.append(parameters) }
    }
}

/// `record("test error", error)`: states a result for `folio grade`, and shows it in the report.
enum RecordBindings {
    static func install(_ interpreter: Interpreter, log: RunLog) {
        interpreter.register(function: "record", [.positional("name", .string), .positional("value")]) { args in
            let name = args.string("name").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 80, !name.contains(where: \.isNewline) else {
                throw HostError("record needs a short one-line name such as \"test error\", "
                                + "got '\(args.string("name"))'")
            }
            let recorded: RunLog.Recorded
            switch args["value"] {
            case .int(let value): recorded = .number(Double(value))
            case .double(let value):
                guard value.isFinite else {
                    throw HostError("record(\"\(name)\", …) needs a finite number, got \(value)")
                }
                recorded = .number(value)
            case .string(let text): recorded = .text(String(text.prefix(1000)))
            case .bool(let flag): recorded = .text(flag ? "true" : "false")
            case let other:
                throw HostError("record takes a number, a string or a Bool, not '\(other.typeName)'")
            }
            log.record(name, recorded)
            args.interpreter.show(.text("recorded \(name): \(describe(recorded))\n"))
            return .void
        }
    }

    static func describe(_ value: RunLog.Recorded) -> String {
        switch value {
        case .number(let number): return number == number.rounded() && abs(number) < 1e15
            ? String(Int(number)) : String(format: "%.6g", number)
        case .text(let text): return text
        }
    }
}
