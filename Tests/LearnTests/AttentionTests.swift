import XCTest
import Tensor
@testable import Learn

/// LayerNormalization and multi-head self-attention: gradients against finite differences,
/// Keras's parameter counts, the causal mask and a small learning task.
final class AttentionTests: XCTestCase {
    func testLayerNormGradientsAndStatistics() throws {
        let x = randomVariable([2, 3, 5], seed: 40), gamma = randomVariable([5], seed: 41),
            beta = randomVariable([5], seed: 42)
        try assertGradientsMatch([x, gamma, beta],
                                 step: 1e-3) { try Ops.layerNorm(x, gamma: gamma, beta: beta, epsilon: 1e-3, tape: $0) }
        let ones = Variable(Tensor(repeating: 1, shape: [5])), zeros = Variable(zeros: [5])
        let y = try Ops.layerNorm(x, gamma: ones, beta: zeros, epsilon: 1e-5, tape: nil).value
        for r in 0..<6 {  // each row: mean 0, variance 1
            let row = (0..<5).map { y[flat: r * 5 + $0] }
            XCTAssertEqual(row.reduce(0, +) / 5, 0, accuracy: 1e-5)
            XCTAssertEqual(row.map { $0 * $0 }.reduce(0, +) / 5, 1, accuracy: 1e-3)
        }
    }

    func testAttentionGradientsWithAndWithoutCausalMask() throws {
        // B = 2, T = 4, 2 heads of D = 3
        let q = randomVariable([2, 4, 6], seed: 50), k = randomVariable([2, 4, 6], seed: 51),
            v = randomVariable([2, 4, 6], seed: 52)
        for causal in [false, true] {
            try assertGradientsMatch([q, k, v], step: 1e-3) {
                try Ops.attention(query: q, key: k, value: v, heads: 2, causal: causal, tape: $0)
            }
        }
    }

    func testCausalAttentionIgnoresTheFuture() throws {
        let model = Sequential { MultiHeadAttention(heads: 2, keyDim: 4, causal: true) }
        try model.build(input: [5, 3], seed: 1)
        var rng = SeededGenerator(seed: 2)
        let x = Tensor.normal(shape: [1, 5, 3], using: &rng)
        var changed = x.copy()
        for j in 0..<3 { changed[flat: 4 * 3 + j] += 5 }  // change only the last step
        let a = try model.predict(x), b = try model.predict(changed)
        for i in 0..<(4 * 3) { XCTAssertEqual(a[flat: i], b[flat: i], accuracy: 1e-5, "steps 0..<4 cannot see step 4") }
        XCTAssertGreaterThan(abs(a[flat: 12] - b[flat: 12]) + abs(a[flat: 13] - b[flat: 13]), 1e-3)
    }

    func testAttentionLayerGradientsThroughAllProjections() throws {
        let mha = MultiHeadAttention(heads: 2, keyDim: 2)
        let model = Sequential { mha; LayerNormalization() }
        try model.build(input: [3, 4], seed: 3)
        let x = randomVariable([2, 3, 4], seed: 4)
        try assertGradientsMatch([x] + model.allParameters.map(\.parameter.variable), step: 1e-3) {
            try model.forward(x, context: ForwardContext(tape: $0, training: true))
        }
        mha.recordWeights = true
        _ = try model.predict(x.value)
        let w = try XCTUnwrap(mha.attentionWeights)
        XCTAssertEqual(w.shape, [2, 2, 3, 3])
        for row in 0..<12 { XCTAssertEqual((0..<3).map { w[flat: row * 3 + $0] }.reduce(0, +), 1, accuracy: 1e-5) }
    }

    func testParameterCountsMatchKeras() throws {
        func count(_ layer: Layer, _ input: [Int]) throws -> Int { try Sequential([layer]).summary(input: input).total }
        XCTAssertEqual(try count(MultiHeadAttention(heads: 1, keyDim: 64), [28, 64]), 16_640)
        XCTAssertEqual(try count(MultiHeadAttention(heads: 4, keyDim: 16), [10, 32]), 4 * 32 * 64 + 3 * 64 + 32)
        XCTAssertEqual(try count(LayerNormalization(), [28, 64]), 128)
    }

    func testCourseworkAttentionBlockLearnsRows() throws {
        // Dense per row → self-attention → LayerNorm → Flatten → Dense, on quadrant blobs (chance 25%).
        let train = try quadrantBlobs(count: 600, seed: 11), test = try quadrantBlobs(count: 200, seed: 12)
        let model = Sequential {
            Reshape([8, 8]); Dense(16); MultiHeadAttention(heads: 1,
                                                           keyDim: 16); LayerNormalization(); Flatten(); Dense(4)
        }
        let history = try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.005), seed: 13,
                                    progress: nil)
        let accuracy = try model.evaluate(test).accuracy
        print("attention block on quadrant blobs: test accuracy", accuracy)
        XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss)
        XCTAssertGreaterThan(accuracy, 0.8)
    }

    /// Seeded runs repeat bit for bit, with batches large enough that layer norm and attention split their
    /// rows and heads across cores (NormalizationKernelTests checks that a split cannot change a row's bits).
    func testSeededAttentionTrainingRepeatsBitForBit() throws {
        let data = try quadrantBlobs(count: 128, seed: 14)
        func run() throws -> ([Double], [Float]) {
            let model = Sequential {
                Reshape([8, 8]); Dense(16); Residual { MultiHeadAttention(heads: 2, keyDim: 8) }; LayerNormalization()
                Flatten(); Dense(4)
            }
            let history = try model.fit(data, epochs: 2, batchSize: 64, seed: 15, progress: nil)
            return (history.losses, model.allParameters.flatMap { $0.parameter.variable.value.scalars })
        }
        let (losses, weights) = try run(), (again, sameWeights) = try run()
        XCTAssertEqual(losses, again)
        XCTAssertEqual(weights, sameWeights)
    }
}
