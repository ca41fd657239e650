import XCTest
import Tensor
@testable import Learn

/// Each optimizer against a step computed by hand for w = [1, -2], g = [0.5, -1].
final class OptimizerTests: XCTestCase {
    private func parameter() throws -> Parameter {
        let v = Variable(try Tensor(shape: [2], scalars: [1, -2]))
        v.grad = try Tensor(shape: [2], scalars: [0.5, -1])
        return Parameter(name: "kernel", variable: v, trainable: true)
    }

    func testSGDPlainMomentumAndNesterov() throws {
        let p = try parameter()
        SGD(learningRate: 0.1).step([p])
        XCTAssertEqual(p.variable.value.scalars, [0.95, -1.9])

        let q = try parameter(), momentum = SGD(learningRate: 0.1, momentum: 0.9)
        momentum.step([q]); momentum.step([q])  // v1 = -0.05, v2 = 0.9·-0.05 - 0.05 = -0.095 → w = 1 - 0.145
        XCTAssertEqual(q.variable.value[flat: 0], 0.855, accuracy: 1e-6)
        XCTAssertEqual(q.variable.value[flat: 1], -2 + 0.29, accuracy: 1e-6)

        let r = try parameter(), nesterov = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
        nesterov.step([r])  // v = -0.05; w += 0.9·-0.05 - 0.05 = -0.095
        XCTAssertEqual(r.variable.value[flat: 0], 0.905, accuracy: 1e-6)
    }

    func testAdamFirstStepMovesByLearningRate() throws {
        let p = try parameter()
        Adam(learningRate: 0.01).step([p])  // m̂/√v̂ = sign(g) on step 1
        XCTAssertEqual(p.variable.value[flat: 0], 1 - 0.01, accuracy: 1e-5)
        XCTAssertEqual(p.variable.value[flat: 1], -2 + 0.01, accuracy: 1e-5)
        let adam = Adam(learningRate: 0.01), q = try parameter()
        adam.step([q]); q.variable.grad = try Tensor(shape: [2], scalars: [-0.5, 0]); adam.step([q])
        // m = 0.09·0.5... second step by hand: m = 0.9·0.05 + 0.1·-0.5 = -0.005, v = 0.999·0.00025 + 0.001·0.25 =
        // 0.00049975
        let alpha = 0.01 * (1 - pow(0.999, 2)).squareRoot() / (1 - pow(0.9, 2))
        XCTAssertEqual(Double(q.variable.value[flat: 0]), 0.99 - alpha * -0.005 / (0.00049975.squareRoot() + 1e-7),
                       accuracy: 1e-5)
    }

    func testAdamWDecaysWeightsFirst() throws {
        let p = try parameter()
        AdamW(learningRate: 0.01, weightDecay: 0.1).step([p])
        XCTAssertEqual(p.variable.value[flat: 0], 1 - 0.001 - 0.01, accuracy: 1e-5)
    }

    func testRMSProp() throws {
        let p = try parameter()
        RMSProp(learningRate: 0.01, rho: 0.9).step([p])  // v = 0.1·g², step = lr·g/(√v) = lr/√0.1·sign(g)
        XCTAssertEqual(p.variable.value[flat: 0], 1 - 0.01 / Float(0.1).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(p.variable.value[flat: 1], -2 + 0.01 / Float(0.1).squareRoot(), accuracy: 1e-5)
    }

    func testNonTrainableParametersAreNotUpdated() throws {
        let p = try parameter(), frozen = Parameter(name: "moving_mean", variable: p.variable, trainable: false)
        Adam().step([frozen]); SGD().step([frozen])
        XCTAssertEqual(p.variable.value.scalars, [1, -2])
    }

    func testSchedules() {
        XCTAssertEqual(LearningRateSchedule.stepDecay(factor: 0.94, every: 2).rate(epoch: 5, initial: 1), 0.94 * 0.94,
                       accuracy: 1e-6)
        XCTAssertEqual(LearningRateSchedule.exponential(rate: 0.5).rate(epoch: 3, initial: 0.8), 0.1, accuracy: 1e-6)
        let cosine = LearningRateSchedule.cosine(epochs: 10, minimum: 0.1)
        XCTAssertEqual(cosine.rate(epoch: 0, initial: 1), 1, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(epoch: 5, initial: 1), 0.55, accuracy: 1e-6)
        XCTAssertEqual(cosine.rate(epoch: 12, initial: 1), 0.1, accuracy: 1e-6)
    }
}
