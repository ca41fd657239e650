import Tensor

/// Hooks into `fit` between epochs. `context.stop = true` ends training after this epoch.
public protocol Callback: AnyObject {
    func epochWillBegin(_ epoch: Int, context: TrainingContext)
    func epochDidEnd(_ epoch: Int, record: EpochRecord, context: TrainingContext)
    func trainingDidEnd(context: TrainingContext)
}

extension Callback {
    public func epochWillBegin(_ epoch: Int, context: TrainingContext) {}
    public func epochDidEnd(_ epoch: Int, record: EpochRecord, context: TrainingContext) {}
    public func trainingDidEnd(context: TrainingContext) {}
}

/// What callbacks can see and change during `fit`.
public final class TrainingContext {
    public let model: Sequential
    public let optimizer: Optimizer
    public let initialLearningRate: Float
    /// Set to true to stop after the current epoch.
    public var stop = false
    init(model: Sequential, optimizer: Optimizer) {
        self.model = model; self.optimizer = optimizer; initialLearningRate = optimizer.learningRate
    }
}

/// Which logged value a callback watches. Validation metrics fall back to the training ones
/// when `fit` has no validation data.
public enum Monitor: String { case validationLoss, loss, validationAccuracy, accuracy
    /// The value to minimise (accuracies are negated).
    func value(_ r: EpochRecord) -> Double? {
        switch self {
        case .loss: return r.loss
        case .accuracy: return -r.accuracy
        case .validationLoss: return r.validationLoss ?? r.loss
        case .validationAccuracy: return -(r.validationAccuracy ?? r.accuracy)
        }
    }
}

/// Sets the learning rate at the start of each epoch from a schedule.
public final class LearningRateScheduler: Callback {
    public let schedule: LearningRateSchedule
    public init(_ schedule: LearningRateSchedule) { self.schedule = schedule }
    public func epochWillBegin(_ epoch: Int, context: TrainingContext) {
        context.optimizer.learningRate = schedule.rate(epoch: epoch, initial: context.initialLearningRate)
    }
}

/// Multiplies the learning rate by `factor` after `patience` epochs without improvement.
public final class ReduceLROnPlateau: Callback {
    public let monitor: Monitor, factor: Float, patience: Int, minimum: Float
    private var best = Double.infinity, wait = 0
    public init(monitor: Monitor = .validationLoss, factor: Float = 0.1, patience: Int = 10, minimum: Float = 0) {
        self.monitor = monitor; self.factor = factor; self.patience = patience; self.minimum = minimum
    }
    public func epochDidEnd(_ epoch: Int, record: EpochRecord, context: TrainingContext) {
        guard let v = monitor.value(record) else { return }
        if v < best { best = v; wait = 0; return }
        wait += 1
        if wait >= patience {
            context.optimizer.learningRate = max(context.optimizer.learningRate * factor, minimum)
            wait = 0
        }
    }
}

/// Stops when the monitored value has not improved for `patience` epochs; optionally restores
/// the weights of the best epoch at the end.
public final class EarlyStopping: Callback {
    public let monitor: Monitor, patience: Int, restoreBestWeights: Bool
    private var best = Double.infinity, wait = 0, bestWeights: [Tensor]?
    /// Epoch (0-based) whose weights were best.
    public private(set) var bestEpoch: Int?

    public init(monitor: Monitor = .validationLoss, patience: Int = 3, restoreBestWeights: Bool = false) {
        self.monitor = monitor; self.patience = patience; self.restoreBestWeights = restoreBestWeights
    }
    public func epochDidEnd(_ epoch: Int, record: EpochRecord, context: TrainingContext) {
        guard let v = monitor.value(record) else { return }
        if v < best {
            best = v; wait = 0; bestEpoch = epoch
            if restoreBestWeights {
                bestWeights = context.model.allParameters.map { $0.parameter.variable.value.copy() }
            }
            return
        }
        wait += 1
        if wait >= patience { context.stop = true }
    }
    public func trainingDidEnd(context: TrainingContext) {
        guard restoreBestWeights, let saved = bestWeights else { return }
        for (p, w) in zip(context.model.allParameters, saved) { try? p.parameter.variable.value.assign(w) }
    }
}
