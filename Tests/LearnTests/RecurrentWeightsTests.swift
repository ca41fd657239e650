import XCTest
import Tensor
@testable import Learn

/// Recurrent weights as numbers in Keras's layout: read, set, checked, and used by the forward pass.
final class RecurrentWeightsTests: XCTestCase {
    func testReadingGivesKerasShapesAndGateOrder() throws {
        let model = Sequential { LSTM(2, returnSequences: true); GRU(3, returnSequences: true); SimpleRNN(4) }
        XCTAssertThrowsError(try LSTM(2).recurrentWeights()) { XCTAssertTrue("\($0)".contains("not built"), "\($0)") }
        let rnnFirst = Sequential { SimpleRNN(4) }
        try rnnFirst.build(input: [3, 5])
        let simple = try XCTUnwrap(rnnFirst.layers[0] as? RecurrentLayer).recurrentWeights()
        XCTAssertEqual([simple.kernel.count, simple.kernel[0].count, simple.recurrentKernel.count], [5, 4, 4])
        XCTAssertEqual(simple.gates, ["h"])
        try model.build(input: [6, 5])
        let lstm = try XCTUnwrap(model.layers[0] as? RecurrentLayer).recurrentWeights()
        XCTAssertEqual(lstm.gates, ["i", "f", "c", "o"])
        XCTAssertEqual([lstm.kernel.count, lstm.kernel[0].count, lstm.recurrentKernel.count], [5, 8, 2])
        XCTAssertEqual(lstm.bias, [[0, 0, 1, 1, 0, 0, 0, 0]], "Keras's unit forget bias: the f block starts at 1")
        let gru = try XCTUnwrap(model.layers[1] as? RecurrentLayer).recurrentWeights()
        XCTAssertEqual(gru.gates, ["z", "r", "h"])
        XCTAssertEqual(gru.bias.count, 2)
        XCTAssertEqual(gru.bias[0].count, 9)
        XCTAssertEqual(gru.recurrentKernel[0].count, 9)
    }

    /// A SimpleRNN set by hand computes h_t = tanh(x_t·W + h_{t−1}·U + b) with the numbers given.
    func testSetWeightsDriveTheForwardPass() throws {
        let model = Sequential { SimpleRNN(2) }
        try model.build(input: [2, 1])
        try model.setRecurrentWeights(layer: 0, kernel: [[0.5, -1]], recurrentKernel: [[1, 0], [0, 2]],
                                      bias: [[0.1, 0]])
        let x = try Tensor(shape: [1, 2, 1], scalars: [1, 2])
        let h1 = [tanh(0.5 + 0.1), tanh(-1.0)]
        let h2 = [tanh(2 * 0.5 + h1[0] + 0.1), tanh(2 * -1.0 + 2 * h1[1])]
        let out = try model.predict(x).scalars
        XCTAssertEqual(Double(out[0]), h2[0], accuracy: 1e-5)
        XCTAssertEqual(Double(out[1]), h2[1], accuracy: 1e-5)
        XCTAssertEqual(try XCTUnwrap(model.layers[0] as? RecurrentLayer).recurrentWeights().recurrentKernel,
                       [[1, 0], [0, 2]])
    }

    func testWrongShapesNameWhatTheLayerTakesAndChangeNothing() throws {
        let model = Sequential { GRU(2); Dense(1) }
        try model.build(input: [3, 4])
        let before = try XCTUnwrap(model.layers[0] as? RecurrentLayer).recurrentWeights()
        XCTAssertThrowsError(try model.setRecurrentWeights(layer: 0, kernel: before.kernel, recurrentKernel: nil,
                                                           bias: [[0, 0, 0, 0, 0, 0]])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("gates z, r, h of 2 units"), text)
            XCTAssertTrue(text.contains("a kernel of 4 rows × 6 columns ([inputs][6])"), text)
            XCTAssertTrue(text.contains("a recurrentKernel of 2 rows × 6 columns ([units][6])"), text)
            XCTAssertTrue(text.contains("a bias of 2 rows × 6 columns; got a bias of 1 row × 6 columns"), text)
        }
        XCTAssertEqual(try XCTUnwrap(model.layers[0] as? RecurrentLayer).recurrentWeights().kernel, before.kernel)
        XCTAssertThrowsError(try model.setRecurrentWeights(layer: 1, kernel: [[1]], recurrentKernel: [[1]],
                                                           bias: nil)) {
            XCTAssertTrue("\($0)".contains("is not a SimpleRNN, LSTM or GRU"), "\($0)")
        }
        XCTAssertThrowsError(try model.layers[0].numericWeights()) {
            XCTAssertTrue("\($0)".contains("recurrentKernel"), "\($0)")
        }
    }
}
