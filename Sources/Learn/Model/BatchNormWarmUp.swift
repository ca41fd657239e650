import Foundation

/// Moving statistics follow the batches as m ← momentum·m + (1 − momentum)·batch, so the
/// initial mean 0 and variance 1 still weigh momentumⁿ after n batches: with Keras's 0.99 that is
/// 0.05 only after 300. A short run (a few epochs of a small dataset) therefore evaluates with
/// statistics that are mostly the initial ones and looks broken although training went well.
extension Sequential {
    /// Every BatchNormalization of the model, inside containers too.
    var batchNormalizations: [BatchNormalization] {
        func collect(_ layer: Layer) -> [BatchNormalization] {
            (layer as? BatchNormalization).map { [$0] } ?? layer.children.flatMap(collect)
        }
        return layers.flatMap(collect)
    }

    /// Marks every moving statistic as trusted: they were loaded, not counted here.
    func markStatisticsLoaded() {
        for layer in batchNormalizations { layer.statisticUpdates = nil }
    }

    /// One warning per BatchNormalization whose moving statistics followed fewer than
    /// 3 / (1 − momentum) training batches (where the initial values weigh under 5 %).
    public var batchNormWarmUpWarnings: [String] {
        batchNormalizations.compactMap { layer in
            guard let seen = layer.statisticUpdates, layer.momentum < 1 else { return nil }
            let needed = Int((3 / (1 - Double(layer.momentum))).rounded())
            guard seen < needed else { return nil }
            let momentum = String(format: "%g", Double(layer.momentum))
            return "\(layer.name)'s moving statistics have followed only \(seen) training batches, but momentum "
                + "\(momentum) needs about \(needed) (3 / (1 − momentum)) before they forget their starting values, "
                + "so evaluation and prediction normalise with statistics that are still mostly 0 and 1; use "
                + "BatchNormalization(momentum: 0.9) (about 30 batches) or train for more steps"
        }
    }
}
