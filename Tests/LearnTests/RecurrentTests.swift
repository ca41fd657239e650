import XCTest
import Foundation
import Tensor
@testable import Learn

/// SimpleRNN, LSTM and GRU: gradients through time against finite differences, Keras's parameter
/// counts and shapes, and state recording.
final class RecurrentTests: XCTestCase {
    // B = 2 sequences, T = 4 steps, F = 3 features, U = 3 units.
    private func weights(gates: Int, biasShape: [Int], seed: UInt64) -> (Variable, Variable, Variable, Variable) {
        (randomVariable([2, 4, 3], seed: seed), randomVariable([3, gates * 3], seed: seed + 1, scale: 0.6),
         randomVariable([3, gates * 3], seed: seed + 2, scale: 0.6),
         randomVariable(biasShape, seed: seed + 3, scale: 0.3))
    }

    func testSimpleRNNGradientsThroughTime() throws {
        let (x, w, r, b) = weights(gates: 1, biasShape: [3], seed: 11)  // no pre-activation within 1e-3 of relu's kink
        for sequences in [false, true] {
            for f in [Activation.tanh, .relu, .sigmoid] {
                try assertGradientsMatch([x, w, r, b], step: 1e-3) {
                    try Ops.simpleRNN(x, steps: 4, kernel: w, recurrentKernel: r, bias: b, activation: f,
                                      returnSequences: sequences, tape: $0)
                }
            }
        }
    }

    func testLSTMGradientsThroughTime() throws {
        let (x, w, r, b) = weights(gates: 4, biasShape: [12], seed: 20)
        for sequences in [false, true] {
            try assertGradientsMatch([x, w, r, b], step: 1e-3) {
                try Ops.lstm(x, steps: 4, kernel: w, recurrentKernel: r, bias: b, returnSequences: sequences, tape: $0)
            }
        }
    }

    func testGRUGradientsThroughTime() throws {
        let (x, w, r, b) = weights(gates: 3, biasShape: [2, 9], seed: 30)
        for sequences in [false, true] {
            try assertGradientsMatch([x, w, r, b], step: 1e-3) {
                try Ops.gru(x, steps: 4, kernel: w, recurrentKernel: r, bias: b, returnSequences: sequences, tape: $0)
            }
        }
    }

    func testStackedLayersPassGradientsBetweenThemAndReuseBuffers() throws {
        let model = Sequential { LSTM(5, returnSequences: true); GRU(4, returnSequences: true); SimpleRNN(3) }
        try model.build(input: [6, 2], seed: 1)
        let x = randomVariable([3, 6, 2], seed: 2)
        let params = model.allParameters.map(\.parameter.variable)
        try assertGradientsMatch([x] + params, step: 1e-3) {
            try model.forward(x, context: ForwardContext(tape: $0, training: true))
        }
    }

    func testParameterCountsMatchKeras() throws {
        func count(_ layer: Layer, _ input: [Int]) throws -> Int { try Sequential([layer]).summary(input: input).total }
        XCTAssertEqual(try count(LSTM(128), [28, 28]), 80_384)
        XCTAssertEqual(try count(SimpleRNN(64), [28, 28]), 5_952)
        // Keras 3, reset_after=True: 3·(28·64 + 64·64 + 2·64)
        XCTAssertEqual(try count(GRU(64), [28, 28]), 18_048)
        XCTAssertEqual(try count(GRU(128), [28, 28]), 60_672)
        XCTAssertEqual(try count(SimpleRNN(10), [5, 2]), 130)
    }

    func testImagesAreReadRowByRowAndShapesFollowReturnSequences() throws {
        let model = Sequential { LSTM(16, returnSequences: true); SimpleRNN(8); Dense(10) }
        let summary = try model.summary(input: [28, 28, 1])
        XCTAssertEqual(summary.rows.map(\.outputShape), ["(None, 28, 16)", "(None, 8)", "(None, 10)"])
        XCTAssertEqual(summary.rows.map(\.parameters), [4 * (28 * 16 + 16 * 16 + 16), 8 * 16 + 64 + 8, 90])
        let y = try model.predict(Tensor.uniform(shape: [3, 28, 28, 1], low: 0, high: 1, using: &rngForTests))
        XCTAssertEqual(y.shape, [3, 10])
        XCTAssertThrowsError(try Sequential { LSTM(4) }.build(input: [28]))
    }

    func testLSTMStartsWithUnitForgetBiasAndOrthogonalRecurrence() throws {
        let lstm = LSTM(6)
        try Sequential([lstm]).build(input: [3, 2], seed: 5)
        let bias = lstm.parameters[2].variable.value.scalars
        XCTAssertEqual(bias, [Float](repeating: 0, count: 6) + [Float](repeating: 1, count: 6) + [Float](repeating: 0,
            count: 12))
        let r = lstm.parameters[1].variable.value   // [6, 24]: orthonormal rows
        let gram = try Tensor.matmul(r, r, transposeB: true)
        for i in 0..<6 { for j in 0..<6 { XCTAssertEqual(gram[flat: i * 6 + j], i == j ? 1 : 0, accuracy: 1e-4) } }
    }

    func testRecordedStatesMatchTheOutput() throws {
        let lstm = LSTM(4, returnSequences: true)
        let model = Sequential([lstm])
        try model.build(input: [5, 3], seed: 3)
        lstm.recordStates = true
        let x = Tensor.normal(shape: [2, 5, 3], using: &rngForTests)
        let y = try model.predict(x)
        let h = try XCTUnwrap(lstm.hiddenStates), c = try XCTUnwrap(lstm.cellStates)
        XCTAssertEqual(h.shape, [2, 5, 4]); XCTAssertEqual(c.shape, [2, 5, 4])
        XCTAssertEqual(h.maxAbsDifference(y), 0)
        // h = o ⊙ tanh(c) with |o| < 1: every |h| is below |tanh c|
        for i in 0..<h.count { XCTAssertLessThanOrEqual(abs(h[flat: i]), abs(tanhf(c[flat: i])) + 1e-5) }
    }

    func testBidirectionalGradientsCountsAndDirection() throws {
        let model = Sequential { Bidirectional(GRU(3, returnSequences: true)); Bidirectional(LSTM(2)) }
        try model.build(input: [4, 2], seed: 1)
        XCTAssertEqual(model.outputShape, [4])
        let x = randomVariable([2, 4, 2], seed: 2)
        try assertGradientsMatch([x] + model.allParameters.map(\.parameter.variable), step: 1e-3) {
            try model.forward(x, context: ForwardContext(tape: $0, training: true))
        }
        // Keras: 2 × 23,808
        XCTAssertEqual(try Sequential { Bidirectional(LSTM(64)) }.summary(input: [28, 28]).total, 47_616)
        XCTAssertEqual(try Sequential { Bidirectional(SimpleRNN(8, returnSequences: true)) }.summary(input: [5,
            3]).rows[0].outputShape,
                       "(None, 5, 16)")

        // With equal weights, the backward half is the forward layer run on the reversed sequence.
        let bi = Bidirectional(SimpleRNN(3))
        let both = Sequential([bi])
        try both.build(input: [4, 2], seed: 3)
        for (f, b) in zip(bi.forwardLayer.parameters,
                          bi.backwardLayer.parameters) { try b.variable.value.assign(f.variable.value) }
        let y = try both.predict(x.value)
        let single = SimpleRNN(3), alone = Sequential([single])
        try alone.build(input: [4, 2], seed: 4)
        for (f, s) in zip(bi.forwardLayer.parameters,
                          single.parameters) { try s.variable.value.assign(f.variable.value) }
        var reversed = x.value.copy()
        for n in 0..<2 {
            for t in 0..<4 {
                for j in 0..<2 { reversed[flat: (n * 4 + t) * 2 + j] = x.value[flat: (n * 4 + 3 - t) * 2 + j] }
            }
        }
        let forwardOnly = try alone.predict(x.value), backwardOnly = try alone.predict(reversed)
        for n in 0..<2 {
            for j in 0..<3 {
                XCTAssertEqual(y[flat: n * 6 + j], forwardOnly[flat: n * 3 + j], accuracy: 1e-6)
                XCTAssertEqual(y[flat: n * 6 + 3 + j], backwardOnly[flat: n * 3 + j], accuracy: 1e-6)
            }
        }
    }

    func testSequenceModelsSaveAndLoadWithIdenticalPredictions() throws {
        let model = Sequential {
            Reshape([8, 8]); GRU(6, returnSequences: true); LSTM(5, returnSequences: true)
            MultiHeadAttention(heads: 2, keyDim: 3, causal: true); LayerNormalization()
            Bidirectional(SimpleRNN(4, activation: .relu)); Dense(4)
        }
        let data = try quadrantBlobs(count: 32, seed: 1)
        try model.fit(data, epochs: 1, batchSize: 16, seed: 2, progress: nil)
        let path = NSTemporaryDirectory() + "folio-seq-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        XCTAssertEqual(try loaded.predict(data.inputs).scalars, try model.predict(data.inputs).scalars)
        XCTAssertEqual(try loaded.summary(input: [8, 8, 1]).rows, try model.summary(input: [8, 8, 1]).rows)
    }
}

private var rngForTests = SeededGenerator(seed: 99)
