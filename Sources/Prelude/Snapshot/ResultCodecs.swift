import Foundation
import Learn
import Script

/// A training history: every epoch's figures.
struct HistoryCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let epochs = try expect(object, HistoryBox.self).history.epochs
        encoder.archive.int(epochs.count)
        for e in epochs {
            encoder.archive.int(e.epoch)
            encoder.archive.double(e.loss); encoder.archive.double(e.accuracy)
            encoder.archive.optionalDouble(e.validationLoss); encoder.archive.optionalDouble(e.validationAccuracy)
            encoder.archive.double(Double(e.learningRate)); encoder.archive.double(e.seconds)
        }
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let a = { (decoder: inout SnapshotDecoder) in try decoder.archive.double() }
        let epochs = try (0..<decoder.archive.count()).map { _ in
            EpochRecord(restoring: try decoder.archive.int(), loss: try a(&decoder), accuracy: try a(&decoder),
                        validationLoss: try decoder.archive.optionalDouble(),
                        validationAccuracy: try decoder.archive.optionalDouble(),
                        learningRate: Float(try a(&decoder)), seconds: try a(&decoder))
        }
        return HistoryBox(History(restoring: epochs))
    }
}

/// An evaluation: its loss, predictions and labels (every other figure follows from them) and the
/// class names it shows.
struct EvaluationCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let box = try expect(object, EvaluationBox.self)
        encoder.archive.double(box.evaluation.loss)
        encoder.archive.plain(box.evaluation.predictions)
        encoder.archive.plain(box.evaluation.labels)
        encoder.archive.int(box.evaluation.classCount)
        encoder.archive.strings(box.classNames)
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let loss = try decoder.archive.double()
        let predictions = try decoder.archive.plain(Int32.self), labels = try decoder.archive.plain(Int32.self)
        let classes = try decoder.archive.int()
        guard predictions.count == labels.count, classes >= 0 else { throw ArchiveError.unknown("a cached evaluation") }
        return EvaluationBox(Evaluation(restoring: loss, predictions: predictions, labels: labels, classes: classes),
                             classNames: try decoder.archive.strings())
    }
}
