import XCTest
import Tensor
@testable import Learn

final class SaliencyTests: XCTestCase {
    /// A small smooth CNN (tanh), ending in softmax, so the logit is differentiable everywhere.
    private func tinyCNN() throws -> Sequential {
        let model = Sequential {
            Conv2D(3, kernelSize: (3, 3), activation: .tanh)
            Flatten()
            Dense(4, activation: .tanh)
            Dense(3, activation: .softmax)
        }
        try model.build(input: [5, 5, 2], seed: 11)
        return model
    }

    /// d logit[target] / d x by central differences, for every input value.
    private func finiteDifference(_ model: Sequential, _ x: Tensor, target: Int, step: Float = 1e-2) throws -> [Float] {
        var probe = x
        return try (0..<x.count).map { i in
            let original = probe[flat: i]
            probe[flat: i] = original + step
            let up = try logits(model, probe)[flat: target]
            probe[flat: i] = original - step
            let down = try logits(model, probe)[flat: target]
            probe[flat: i] = original
            return (up - down) / (2 * step)
        }
    }

    func testGradientMatchesFiniteDifferencesForPredictedClass() throws {
        let model = try tinyCNN()
        let x = randomTensor([1, 5, 5, 2], seed: 3)
        let (gradient, scores, targets) = try model.inputGradient(x)
        let predicted = AnalysisShapes.argmax(scores.pointer, count: 3)
        XCTAssertEqual(targets, [predicted])
        let numeric = try finiteDifference(model, x, target: predicted)
        for i in 0..<x.count {
            XCTAssertEqual(gradient[flat: i], numeric[i], accuracy: 2e-3 + 0.02 * abs(numeric[i]), "input value \(i)")
        }
        XCTAssertGreaterThan(numeric.map(abs).max() ?? 0, 1e-3, "the check must compare non-trivial gradients")
    }

    func testGivenTargetClassIsDifferentiatedInstead() throws {
        let model = try tinyCNN()
        let x = randomTensor([5, 5, 2], seed: 4)
        let predicted = try model.saliency(x)[0].predicted
        let other = (predicted + 1) % 3
        let (gradient, _, targets) = try model.inputGradient(x, targets: [other])
        XCTAssertEqual(targets, [other])
        let numeric = try finiteDifference(model, try x.reshaped([1, 5, 5, 2]), target: other)
        for i in 0..<x.count { XCTAssertEqual(gradient[flat: i], numeric[i], accuracy: 2e-3 + 0.02 * abs(numeric[i])) }
    }

    func testMapFoldsChannelsByLargestMagnitude() throws {
        let model = try tinyCNN()
        let x = randomTensor([1, 5, 5, 2], seed: 5)
        let (gradient, _, _) = try model.inputGradient(x)
        let map = try model.saliency(x)[0]
        XCTAssertEqual(map.height, 5); XCTAssertEqual(map.width, 5)
        for p in 0..<25 {
            XCTAssertEqual(map.values[p], max(abs(gradient[flat: 2 * p]), abs(gradient[flat: 2 * p + 1])),
                           accuracy: 1e-6)
        }
    }

    func testBatchGivesEachInputItsOwnGradient() throws {
        let model = try tinyCNN()
        let batch = randomTensor([3, 5, 5, 2], seed: 6)
        let together = try model.saliency(batch)
        for i in 0..<3 {
            let single = try Tensor(shape: [5, 5, 2], scalars: Array(batch.scalars[(i * 50)..<((i + 1) * 50)]))
            let alone = try model.saliency(single)[0]
            XCTAssertEqual(alone.predicted, together[i].predicted)
            for p in 0..<25 { XCTAssertEqual(alone.values[p], together[i].values[p], accuracy: 1e-5) }
        }
    }

    func testSingleSigmoidUnitScoresClassZeroAsNegativeLogit() throws {
        let model = try handBuilt(Sequential { Dense(1, activation: .linear) }, input: [2], weights: [[[2, -3], [0]]])
        let x = try Tensor(shape: [2], scalars: [1, 1])  // logit -1: predicted class 0
        let (gradient, _, targets) = try model.inputGradient(x)
        XCTAssertEqual(targets, [0])
        XCTAssertEqual(gradient.scalars, [-2, 3])
    }

    func testBadInputsThrowClearErrors() throws {
        let model = try tinyCNN()
        XCTAssertThrowsError(try model.saliency(randomTensor([5, 5, 3], seed: 1))) { error in
            XCTAssertTrue("\(error)".contains("expected one input of shape (5, 5, 2)"), "\(error)")
        }
        XCTAssertThrowsError(try model.saliency(randomTensor([5, 5, 2], seed: 1), targets: [7])) { error in
            XCTAssertTrue("\(error)".contains("outside 0..<3"), "\(error)")
        }
        XCTAssertThrowsError(try Sequential { Dense(2) }.saliency(randomTensor([2], seed: 1)))
    }
}
