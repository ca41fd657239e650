import XCTest
import Foundation
import Tensor
@testable import Learn

/// Keras's `dropout` / `recurrentDropout` of SimpleRNN, LSTM and GRU: gradients with fixed masks,
/// one input mask per sequence, no masks at inference, learning, saving, Bidirectional.
final class RecurrentDropoutTests: XCTestCase {
    // B = 2 sequences, T = 4 steps, F = 3 features, U = 3 units; masks drop some values and scale the rest.
    private let masks = RecurrentDropout(input: try! Tensor(shape: [2, 3], scalars: [2, 0, 2, 0, 2, 2]),
                                         recurrent: try! Tensor(shape: [2, 3], scalars: [2, 2, 0, 0, 2, 2]))

    private func weights(gates: Int, biasShape: [Int], seed: UInt64) -> (Variable, Variable, Variable, Variable) {
        (randomVariable([2, 4, 3], seed: seed), randomVariable([3, gates * 3], seed: seed + 1, scale: 0.6),
         randomVariable([3, gates * 3], seed: seed + 2, scale: 0.6),
         randomVariable(biasShape, seed: seed + 3, scale: 0.3))
    }

    func testGradientsThroughTimeWithFixedMasks() throws {
        let (x, w, r, b) = weights(gates: 1, biasShape: [3], seed: 11)
        let (lx, lw, lr, lb) = weights(gates: 4, biasShape: [12], seed: 20)
        let (gx, gw, gr, gb) = weights(gates: 3, biasShape: [2, 9], seed: 30)
        for sequences in [false, true] {
            try assertGradientsMatch([x, w, r, b], step: 1e-3) {
                try Ops.simpleRNN(x, steps: 4, kernel: w, recurrentKernel: r, bias: b, activation: .tanh,
                                  returnSequences: sequences, dropout: self.masks, tape: $0)
            }
            try assertGradientsMatch([lx, lw, lr, lb], step: 1e-3) {
                try Ops.lstm(lx, steps: 4, kernel: lw, recurrentKernel: lr, bias: lb, returnSequences: sequences,
                             dropout: self.masks, tape: $0)
            }
            try assertGradientsMatch([gx, gw, gr, gb], step: 1e-3) {
                try Ops.gru(gx, steps: 4, kernel: gw, recurrentKernel: gr, bias: gb, returnSequences: sequences,
                            dropout: self.masks, tape: $0)
            }
        }
    }

    func testInputMaskIsOnePerSequenceAndTheStateMaskChangesTheRecurrence() throws {
        let (x, w, r, b) = weights(gates: 4, biasShape: [12], seed: 40)
        // x ⊙ mask, the mask repeated over the 4 steps, through the plain path
        var premasked = x.value
        for n in 0..<2 {
            for t in 0..<4 { for f in 0..<3 { premasked[flat: (n * 4 + t) * 3 + f] *= masks.input![flat: n * 3 + f] } }
        }
        let inputOnly = RecurrentDropout(input: masks.input)
        let a = try Ops.lstm(x, steps: 4, kernel: w, recurrentKernel: r, bias: b, returnSequences: true,
                             dropout: inputOnly, tape: nil).value.scalars
        let expected = try Ops.lstm(Variable(premasked), steps: 4, kernel: w, recurrentKernel: r, bias: b,
                                    returnSequences: true, tape: nil).value.scalars
        XCTAssertEqual(a, expected)
        let both = try Ops.lstm(x, steps: 4, kernel: w, recurrentKernel: r, bias: b, returnSequences: true,
                                dropout: masks, tape: nil).value.scalars
        XCTAssertEqual(Array(both[0..<3]), Array(a[0..<3]), "the first step sees h_0 = 0 either way")
        XCTAssertNotEqual(both, a)
    }

    func testDrawnMasksAreZeroOrScaledAndNilWithoutDropout() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertNil(RecurrentDropout.draw(batch: 4, features: 3, units: 5, dropout: 0, recurrentDropout: 0, rng: &rng))
        let m = RecurrentDropout.draw(batch: 400, features: 3, units: 5, dropout: 0.2, recurrentDropout: 0.5,
                                      rng: &rng)!
        XCTAssertEqual(m.input?.shape, [400, 3]); XCTAssertEqual(m.recurrent?.shape, [400, 5])
        XCTAssertTrue(m.input!.scalars.allSatisfy { $0 == 0 || abs($0 - 1.25) < 1e-6 })
        XCTAssertTrue(m.recurrent!.scalars.allSatisfy { $0 == 0 || $0 == 2 })
        let dropped = Float(m.input!.scalars.filter { $0 == 0 }.count) / 1200
        XCTAssertEqual(dropped, 0.2, accuracy: 0.04)
        let onlyState = RecurrentDropout.draw(batch: 2, features: 3, units: 5, dropout: 0, recurrentDropout: 0.2,
                                              rng: &rng)
        XCTAssertNil(onlyState?.input)
    }

    func testInferenceIsIdenticalWithAndWithoutDropoutAndTrainingIsNot() throws {
        let x = randomVariable([5, 6, 4], seed: 3, requiresGrad: false)
        let layers: [(RecurrentLayer, RecurrentLayer)] = [
            (SimpleRNN(7), SimpleRNN(7, dropout: 0.2, recurrentDropout: 0.2)),
            (LSTM(7), LSTM(7, dropout: 0.2, recurrentDropout: 0.2)),
            (GRU(7, returnSequences: true), GRU(7, returnSequences: true, dropout: 0.2, recurrentDropout: 0.2)),
        ]
        for (plain, dropped) in layers {
            let a = Sequential([plain]), b = Sequential([dropped])
            try a.build(input: [6, 4], seed: 9); try b.build(input: [6, 4], seed: 9)
            let inference = { (m: Sequential) in try m.forward(x, context: ForwardContext(tape: nil, training: false)) }
            XCTAssertEqual(try inference(a).value.scalars, try inference(b).value.scalars, plain.typeName)
            let training = { (m: Sequential) in
                try m.forward(x, context: ForwardContext(tape: nil, training: true, rng: SeededGenerator(seed: 4)))
            }
            XCTAssertEqual(try training(a).value.scalars, try inference(a).value.scalars)
            XCTAssertNotEqual(try training(b).value.scalars, try inference(b).value.scalars, plain.typeName)
        }
    }

    func testLayersWithDropoutStillLearn() throws {
        let train = try quadrantBlobs(count: 600, seed: 1), test = try quadrantBlobs(count: 200, seed: 2)
        let layers: [Layer] = [SimpleRNN(16, dropout: 0.2, recurrentDropout: 0.2),
                               GRU(16, dropout: 0.2, recurrentDropout: 0.2),
                               Bidirectional(LSTM(16, dropout: 0.2, recurrentDropout: 0.2))]
        for layer in layers {
            let model = Sequential { layer; Dense(4) }
            let history = try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.01), seed: 3,
                                        progress: nil)
            let accuracy = try model.evaluate(test).accuracy
            XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss, layer.typeName)
            XCTAssertGreaterThan(accuracy, 0.75, "\(layer.typeName): chance is 0.25")
        }
    }

    func testDropoutIsSavedAndReloadedAndBidirectionalTwinsKeepIt() throws {
        let model = Sequential {
            Reshape([8, 8]); LSTM(6, returnSequences: true, dropout: 0.2, recurrentDropout: 0.3)
            Bidirectional(GRU(4, dropout: 0.1, recurrentDropout: 0.2)); Dense(4)
        }
        let data = try quadrantBlobs(count: 32, seed: 1)
        try model.fit(data, epochs: 1, batchSize: 16, seed: 2, progress: nil)
        let path = NSTemporaryDirectory() + "folio-rnn-dropout-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Sequential.load(from: path)
        let lstm = try XCTUnwrap(loaded.layers[1] as? LSTM), bi = try XCTUnwrap(loaded.layers[2] as? Bidirectional)
        XCTAssertEqual(lstm.dropout, 0.2); XCTAssertEqual(lstm.recurrentDropout, 0.3)
        XCTAssertEqual(bi.forwardLayer.dropout, 0.1); XCTAssertEqual(bi.backwardLayer.recurrentDropout, 0.2)
        XCTAssertEqual(try loaded.predict(data.inputs).scalars, try model.predict(data.inputs).scalars)
    }

    func testRatesOutsideZeroToOneAreRefused() {
        XCTAssertThrowsError(try Sequential([LSTM(4, dropout: 1)]).build(input: [3, 2], seed: 1))
        XCTAssertThrowsError(try Sequential([GRU(4, recurrentDropout: -0.1)]).build(input: [3, 2], seed: 1))
    }
}
