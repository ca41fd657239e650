import CellOutput
import Foundation
import RunLimits
import Prelude
import Report

/// What one render states about itself in machine-readable form (`folio render --facts run.json`),
/// for `folio grade`: how it ended, the seed, the values cells recorded and the size of every model
/// trained. Time and memory are not here: the grader measures those from outside the process.
public struct RunOutcome: Codable, Equatable, Sendable {
    public struct Failure: Codable, Equatable, Sendable {
        public var message: String
        public var file: String
        public var line: Int
    }

    public struct Record: Codable, Equatable, Sendable {
        public var name: String
        public var value: RunLog.Recorded

        public init(name: String, value: RunLog.Recorded) {
            self.name = name
            self.value = value
        }
    }

    /// True when every cell ran without a failure that stopped the run.
    public var succeeded: Bool
    public var failure: Failure?
    public var seed: Int?
    public var seedWasDrawn: Bool
    public var records: [Record]
    /// Parameters of each model trained, largest first.
    public var modelParameters: [Int]

    public init(succeeded: Bool, failure: Failure? = nil, seed: Int? = nil, seedWasDrawn: Bool = false,
                records: [Record] = [], modelParameters: [Int] = []) {
        self.succeeded = succeeded
        self.failure = failure
        self.seed = seed
        self.seedWasDrawn = seedWasDrawn
        self.records = records
        self.modelParameters = modelParameters
    }

    init(run: NotebookRun, log: RunLog) {
        let failure = run.failure.map {
            Failure(message: $0.message, file: $0.location.file, line: $0.location.line)
        }
        self.init(succeeded: failure == nil, failure: failure, seed: run.facts.seed,
                  seedWasDrawn: run.facts.seedWasDrawn,
                  records: log.records.map { Record(name: $0.name, value: $0.value) },
                  modelParameters: log.modelParameters.sorted(by: >))
    }

    /// Writes the outcome as JSON, atomically.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(String(decoding: try encoder.encode(self), as: UTF8.self), to: url)
    }
}
