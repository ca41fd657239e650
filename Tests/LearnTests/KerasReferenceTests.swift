import XCTest
import Foundation
import Tensor
@testable import Learn

/// Same weights, same input, same outputs as Keras 3.15 (torch backend): checks gate order and
/// layouts, which gradient checks cannot. Weights are w_i[k] = 0.5·sin(0.7·k + i + 1) for the
/// layer's i-th weight in Keras's order, the input x[k] = cos(0.3·k); the expected numbers were
/// printed by Keras: `layer.set_weights(ws); keras.Model(inp, layer(inp)).predict(x)` with the
/// same formulas (SimpleRNN/LSTM/GRU with return_sequences=True; attention called as layer(x, x)).
final class KerasReferenceTests: XCTestCase {
    private func output(_ layer: Layer, input shape: [Int]) throws -> [Float] {
        let model = Sequential([layer])
        try model.build(input: shape, seed: 1)
        for (i, p) in layer.parameters.enumerated() {
            let n = p.variable.value.count
            let values = (0..<n).map { Float(0.5 * sin(0.7 * Double($0) + Double(i + 1))) }
            try p.variable.value.assign(Tensor(shape: [n], scalars: values))
        }
        let count = shape.reduce(1, *)
        let x = try Tensor(shape: [1] + shape, scalars: (0..<count).map { Float(cos(0.3 * Double($0))) })
        return try model.predict(x).scalars
    }

    private func assertClose(_ found: [Float], _ keras: [Float], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(found.count, keras.count, file: file, line: line)
        for (a, b) in zip(found, keras) { XCTAssertEqual(a, b, accuracy: 2e-5, "\(found)", file: file, line: line) }
    }

    func testSimpleRNN() throws {
        assertClose(try output(SimpleRNN(3, returnSequences: true), input: [4, 2]),
                    [0.470846, -0.061274, -0.540601, 0.599477, -0.070957, -0.664626, 0.503274, -0.134842, -0.641790,
                     0.268380, -0.229855, -0.560196])
    }

    func testLSTM() throws {
        assertClose(try output(LSTM(3, returnSequences: true), input: [4, 2]),
                    [0.133233, 0.146835, 0.082793, 0.152962, 0.180933, 0.119593, 0.137630, 0.167024, 0.128091, 0.120513,
                     0.132766, 0.102933])
    }

    func testGRUWithResetAfter() throws {
        assertClose(try output(GRU(3, returnSequences: true), input: [4, 2]),
                    [-0.092185, 0.103684, 0.380314, -0.105252, 0.219833, 0.555545, 0.032397, 0.400603, 0.608909,
                     0.301178, 0.608539, 0.621155])
    }

    func testMultiHeadSelfAttention() throws {
        assertClose(try output(MultiHeadAttention(heads: 2, keyDim: 2), input: [3, 4]),
                    [0.482479, 0.205778, -0.167704, -0.462312, 0.480897, 0.204326, -0.168343, -0.461837, 0.478864,
                     0.200203, -0.172617, -0.464253])
    }

    func testLayerNormalization() throws {
        assertClose(try output(LayerNormalization(), input: [2, 4]),
                    [0.872937, 0.559299, -0.184473, -0.440809, 1.019197, 0.435121, -0.285842, -0.436589])
    }
}
