import XCTest
import Foundation
import Tensor
@testable import Learn

/// SelfAttention: softmax(q·kᵀ/√units)·v against a hand computation, gradients, Keras-style
/// parameter counts, training in a Sequential, saving.
final class SelfAttentionTests: XCTestCase {
    /// The layer's output on one sequence, computed step by step with plain loops.
    private func handComputed(_ x: [[Float]], _ w: [[[Float]]], _ b: [[Float]], units u: Int) -> [[Float]] {
        func project(_ i: Int) -> [[Float]] {
            x.map { row in (0..<u).map { j in b[i][j] + zip(row, w[i]).map { $0 * $1[j] }.reduce(0, +) } }
        }
        let q = project(0), k = project(1), v = project(2)
        return q.map { qi in
            let scores = k.map { kj in zip(qi, kj).map(*).reduce(0, +) / Float(u).squareRoot() }
            let top = scores.max()!, e = scores.map { exp($0 - top) }, total = e.reduce(0, +)
            return (0..<u).map { j in zip(e, v).map { $0 / total * $1[j] }.reduce(0, +) }
        }
    }

    func testOutputMatchesAHandComputationOnATinyInput() throws {
        let layer = SelfAttention(units: 2)
        let model = Sequential([layer])
        try model.build(input: [3, 2], seed: 1)
        let w: [[[Float]]] = [[[0.5, -1], [1, 0.25]], [[-0.5, 1], [0.75, 0.5]], [[1, 2], [-1, 0.5]]]
        let b: [[Float]] = [[0.1, 0], [0, -0.2], [0.3, 0.1]]
        for i in 0..<3 {
            try layer.parameters[2 * i].variable.value.assign(Tensor(shape: [2, 2], scalars: w[i].flatMap { $0 }))
            try layer.parameters[2 * i + 1].variable.value.assign(Tensor(shape: [2], scalars: b[i]))
        }
        let x: [[Float]] = [[1, 0], [0.5, -1], [-1, 2]]
        let y = try model.forward(Variable(Tensor(shape: [1, 3, 2], scalars: x.flatMap { $0 })),
                                  context: ForwardContext(tape: nil, training: false))
        XCTAssertEqual(y.shape, [1, 3, 2])
        let expected = handComputed(x, w, b, units: 2).flatMap { $0 }
        for (a, e) in zip(y.value.scalars, expected) { XCTAssertEqual(a, e, accuracy: 1e-5) }
    }

    func testGradientsMatchFiniteDifferences() throws {
        for useBias in [true, false] {
            let model = Sequential([SelfAttention(units: 3, useBias: useBias)])
            try model.build(input: [4, 5], seed: 2)
            let x = randomVariable([2, 4, 5], seed: 3)
            try assertGradientsMatch([x] + model.allParameters.map(\.parameter.variable), step: 1e-3) {
                try model.forward(x, context: ForwardContext(tape: $0, training: true))
            }
        }
    }

    func testParameterCountIsThreeDenseProjections() throws {
        // 3·(8·16 + 16) with bias, 3·8·16 without; an image [8, 8, 1] is 8 steps of 8 features
        XCTAssertEqual(try Sequential([SelfAttention(units: 16)]).summary(input: [10, 8]).total, 432)
        XCTAssertEqual(try Sequential([SelfAttention(units: 16, useBias: false)]).summary(input: [10, 8]).total, 384)
        let summary = try Sequential([SelfAttention(units: 16)]).summary(input: [8, 8, 1])
        XCTAssertEqual(summary.total, 432)
        XCTAssertEqual(summary.rows.first?.outputShape, "(None, 8, 16)")
    }

    func testItTrainsInASequentialAndSurvivesSaving() throws {
        let train = try quadrantBlobs(count: 600, seed: 1), test = try quadrantBlobs(count: 200, seed: 2)
        let model = Sequential { Reshape([8, 8]); SelfAttention(units: 8); Flatten(); Dense(4) }
        let history = try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.01), seed: 3,
                                    progress: nil)
        XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss)
        XCTAssertGreaterThan(try model.evaluate(test).accuracy, 0.8, "chance is 0.25")
        let path = NSTemporaryDirectory() + "folio-self-attention-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(test.inputs).scalars, try model.predict(test.inputs).scalars)
    }
}
