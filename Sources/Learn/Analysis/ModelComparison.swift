/// A summary table across models, as coursework reports compare them: test accuracy and loss,
/// training time per epoch and size, one row per model.
public struct ModelComparison: Sendable {
    /// One model's row.
    public struct Entry: Equatable, Sendable {
        public let name: String
        public let testAccuracy: Double
        public let testLoss: Double
        /// Mean wall-clock seconds per training epoch (nil without a history).
        public let secondsPerEpoch: Double?
        /// Epochs trained (nil without a history).
        public let epochs: Int?
        public let parameters: Int

        /// A row from explicit numbers.
        public init(name: String, testAccuracy: Double, testLoss: Double, secondsPerEpoch: Double?, epochs: Int?,
                    parameters: Int) {
            self.name = name
            self.testAccuracy = testAccuracy
            self.testLoss = testLoss
            self.secondsPerEpoch = secondsPerEpoch
            self.epochs = epochs
            self.parameters = parameters
        }

        /// A row from a model, its test evaluation and (optionally) its training history.
        public init(name: String, model: Sequential, evaluation: Evaluation, history: History?) {
            let seconds = history.map { $0.epochs.map(\.seconds) } ?? []
            self.init(name: name, testAccuracy: evaluation.accuracy, testLoss: evaluation.loss,
                      secondsPerEpoch: seconds.isEmpty ? nil : seconds.reduce(0, +) / Double(seconds.count),
                      epochs: history?.epochs.count, parameters: model.parameterCount)
        }
    }

    /// The rows, in the order given.
    public let entries: [Entry]

    /// Throws when there are no models to compare.
    public init(_ entries: [Entry]) throws {
        guard !entries.isEmpty else {
            throw LearnError.invalidArgument("compare: no models given; pass at least one (name, model, "
                                             + "evaluation) entry")
        }
        self.entries = entries
    }

    /// Position of the entry with the best test accuracy (the lower loss breaks ties).
    public var best: Int {
        entries.indices.max { a, b in
            let (x, y) = (entries[a], entries[b])
            return x.testAccuracy != y.testAccuracy ? x.testAccuracy < y.testAccuracy : x.testLoss > y.testLoss
        } ?? 0
    }

    /// Column titles of the table.
    public static let header = ["model", "test accuracy", "test loss", "s / epoch", "epochs", "parameters"]
}

extension Sequential {
    /// Number of weights and statistics (trainable or not), as Keras's "Total params".
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.variable.value.count } }
    }
}
