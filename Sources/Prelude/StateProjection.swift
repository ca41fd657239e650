import Learn
import Script
import Tensor

/// The axes of a hidden-state trajectory: chosen hidden units as they are (how coursework plots a
/// 3-unit LSTM: units 0/1, 0/2, 1/2, or all three in 3-D), or the first principal components of
/// the states (for layers too wide to look at unit by unit).
struct StateProjection {
    /// coordinates[axis][step]
    let coordinates: [[Double]]
    let labels: [String]

    init(_ run: StateRecording, units: [Int]?, dimensions: Int) throws {
        guard run.steps >= 3 else { throw HostError("a trajectory needs at least 3 steps, got \(run.steps)") }
        if let units {
            guard units.count == 2 || units.count == 3 else {
                throw HostError("units: takes 2 or 3 unit numbers (a 2-D or 3-D view), got \(units.count)")
            }
            guard Set(units).count == units.count else {
                throw HostError("units: names unit \(units) more than once; pick different units")
            }
            if let bad = units.first(where: { !(0..<run.units).contains($0) }) {
                throw HostError("unit \(bad) does not exist: "
                                + "the layer has \(run.units) units, numbered 0 to \(run.units - 1)")
            }
            coordinates = units.map { u in run.byStep.map { Double($0[u]) } }
            labels = units.map { "unit \($0)" }
            return
        }
        guard dimensions == 2 || dimensions == 3 else {
            throw HostError("dimensions: must be 2 or 3, got \(dimensions)")
        }
        guard run.units >= dimensions else {
            throw HostError("a \(dimensions)-D trajectory needs at least \(dimensions) units; "
                            + "the layer has \(run.units)")
        }
        let states = try Tensor(shape: [run.steps, run.units], scalars: run.byStep.flatMap { $0 })
        let pca = try PCA(fitting: states, components: dimensions)
        let projected = try pca.transform(states).scalars
        coordinates = (0..<dimensions).map { axis in
            stride(from: axis, to: projected.count, by: dimensions).map { Double(projected[$0]) }
        }
        labels = pca.explainedVarianceRatio.enumerated().map {
            "PC\($0.offset + 1) (\(String(format: "%.0f%%", $0.element * 100)))"
        }
    }
}
