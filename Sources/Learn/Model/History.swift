/// Metrics of one training epoch.
public struct EpochRecord: Equatable {
    /// 1-based epoch number.
    public let epoch: Int
    public let loss: Double, accuracy: Double
    public let validationLoss: Double?, validationAccuracy: Double?
    public let learningRate: Float
    public let seconds: Double
}

/// What `fit` returns: one record per completed epoch.
public struct History: Equatable {
    public internal(set) var epochs: [EpochRecord] = []
    public var losses: [Double] { epochs.map(\.loss) }
    public var accuracies: [Double] { epochs.map(\.accuracy) }
}

/// Result of `evaluate`.
public struct Evaluation {
    public let loss: Double, accuracy: Double
    /// Predicted class per sample.
    public let predictions: [Int32]
    /// True label per sample.
    public let labels: [Int32]
    /// confusion[true][predicted] counts.
    public let confusion: [[Int]]
    /// Per class: TP/(TP+FP), TP/(TP+FN) and their harmonic mean (0 when undefined).
    public let precision: [Double], recall: [Double], f1: [Double]

    init(loss: Double, predictions: [Int32], labels: [Int32], classes: Int) {
        self.loss = loss; self.predictions = predictions; self.labels = labels
        var m = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (p, t) in zip(predictions, labels) where Int(p) < classes && Int(t) < classes { m[Int(t)][Int(p)] += 1 }
        confusion = m
        let correct = zip(predictions, labels).filter { $0 == $1 }.count
        accuracy = labels.isEmpty ? 0 : Double(correct) / Double(labels.count)
        var pr: [Double] = [], rc: [Double] = [], f: [Double] = []
        for c in 0..<classes {
            let tp = Double(m[c][c]), predicted = Double(m.reduce(0) { $0 + $1[c] }), actual = Double(m[c].reduce(0, +))
            let p = predicted > 0 ? tp / predicted : 0, r = actual > 0 ? tp / actual : 0
            pr.append(p); rc.append(r); f.append(p + r > 0 ? 2 * p * r / (p + r) : 0)
        }
        precision = pr; recall = rc; f1 = f
    }
}

extension EpochRecord {
    /// An epoch's metrics as recorded earlier (the cache's restore).
    public init(restoring epoch: Int, loss: Double, accuracy: Double, validationLoss: Double?,
                validationAccuracy: Double?, learningRate: Float, seconds: Double) {
        self.init(epoch: epoch, loss: loss, accuracy: accuracy, validationLoss: validationLoss,
                  validationAccuracy: validationAccuracy, learningRate: learningRate, seconds: seconds)
    }
}

extension History {
    /// A history of these epochs (the cache's restore).
    public init(restoring epochs: [EpochRecord]) { self.epochs = epochs }
}

extension Evaluation {
    /// The class count the confusion matrix was made for.
    public var classCount: Int { confusion.count }

    /// An evaluation made again from its loss, predictions and labels (the cache's restore): every
    /// other figure follows from them exactly as when it was first made.
    public init(restoring loss: Double, predictions: [Int32], labels: [Int32], classes: Int) {
        self.init(loss: loss, predictions: predictions, labels: labels, classes: classes)
    }
}
