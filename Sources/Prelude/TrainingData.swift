import Datasets
import Learn
import Script

/// Points feed `fit` and `evaluate` like images do: the Datasets types are written to the engine's
/// one batch protocol, `LabeledBatches`, and adopt it here, in the module that sees both.
/// (Images adopt it in ModelBindings.swift and sequences, as `LabeledSequences`, in SequenceBindings.swift.)
extension PointDataset: LabeledBatches {}

/// What `fit`, `evaluate` and `predict` accept: image datasets, 2-D points and symbol sequences.
/// One protocol, so the training bindings are written once for every kind of data.
protocol TrainingData: AnyObject {
    var batches: LabeledBatches { get }
    var classNames: [String] { get }
}

extension DatasetBox: TrainingData {
    var batches: LabeledBatches { data }
    var classNames: [String] { data.classNames }
}

extension PointsBox: TrainingData {
    var batches: LabeledBatches { data }
}

/// The kinds of data a model can train on, for messages.
let trainingDataKinds = "a Dataset, Points or Sequences"

/// The training data passed as argument `name`, nil when the argument is nil.
func trainingData(_ args: Arguments, _ name: String, for method: String) throws -> TrainingData? {
    let value = args[name]
    if value.isNil { return nil }
    if case .object(let object) = value, let data = object.base as? TrainingData { return data }
    throw HostError("\(method) needs \(trainingDataKinds) as '\(name)', not a value of type '\(value.typeName)'")
}

/// Like `trainingData`, for an argument that must be given.
func requiredTrainingData(_ args: Arguments, _ name: String, for method: String) throws -> TrainingData {
    guard let data = try trainingData(args, name, for: method) else {
        throw HostError("\(method) needs \(trainingDataKinds) as '\(name)', not nil")
    }
    return data
}
