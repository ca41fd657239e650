import XCTest
import Tensor
@testable import Learn

/// Conv2D + MaxPool2D(2) runs fused; it must agree with the separate layers exactly enough.
final class FusionTests: XCTestCase {
    func testFusedConvPoolMatchesSeparateLayersInOutputsAndGradients() throws {
        let model = LayerTests.issueCNN()
        try model.build(input: [28, 28, 1], seed: 3)
        let conv = try XCTUnwrap(model.layers[0] as? Conv2D)
        XCTAssertNotNil(conv.fusedPool)
        let x = randomVariable([3, 28, 28, 1], seed: 4, requiresGrad: false)
        let labels: [Int32] = [1, 7, 3]

        func run(fused: Bool) throws -> (Tensor, [Tensor]) {
            model.fusesConvolutionAndPooling = fused
            let tape = Tape()
            let out = try model.forward(x, context: ForwardContext(tape: tape, training: true))
            let loss = try labels.withUnsafeBufferPointer {
                try Ops.softmaxCrossEntropy(logits: out, labels: $0.baseAddress!, tape: tape)
            }
            tape.backward(from: loss)
            return (out.value.copy(), model.allParameters.map { $0.parameter.variable.grad.copy() })
        }
        let (fusedOut, fusedGrads) = try run(fused: true)
        let (plainOut, plainGrads) = try run(fused: false)
        XCTAssertNil(conv.fusedPool)
        XCTAssertLessThan(fusedOut.maxAbsDifference(plainOut), 1e-5)
        for (a, b) in zip(fusedGrads, plainGrads) {
            XCTAssertEqual(a.shape, b.shape)
            XCTAssertLessThan(a.maxAbsDifference(b), 1e-5)
            XCTAssertGreaterThan(a.scalars.map(abs).max()!, 0)  // gradients actually flowed
        }
    }

    /// Single-channel inputs take a direct kernel when no window reads padding; with padding (including
    /// `.same` with an even kernel, whose only padding is below and to the right) they must not.
    /// The backward too: without an input gradient the kernel's and bias's come from a direct kernel as well
    /// (3×3 kept in registers, other sizes, 18 filters = a block of 16 and two single ones).
    func testSingleChannelFusedConvPoolMatchesSeparateOpsWithAndWithoutPadding() throws {
        let x = randomVariable([2, 9, 8, 1], seed: 8, requiresGrad: false)
        let cases: [(Int, Padding, Activation)] = [(3, .valid, .relu), (2, .same, .relu), (3, .same, .relu),
                                                   (2, .valid, .relu), (3, .valid, .linear), (4, .valid, .linear)]
        for (k, padding, activation) in cases {
            let w = randomVariable([k, k, 1, 18], seed: 9, scale: 0.5), b = randomVariable([18], seed: 10)
            let label = "\(k)×\(k) \(padding) \(activation)"
            func run(fused: Bool) throws -> (y: Tensor, dw: Tensor, db: Tensor) {
                let tape = Tape()
                let y: Variable
                if fused {
                    y = try Ops.conv2dMaxPool2x2(x, kernel: w, bias: b, stride: (1, 1), padding: padding,
                                                 activation: activation, tape: tape)
                } else {
                    let conv = try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: padding,
                                              activation: activation, tape: tape)
                    y = try Ops.maxPool2d(conv, pool: (2, 2), stride: (2, 2), padding: .valid, tape: tape)
                }
                var rng = SeededGenerator(seed: 11)
                let loss = try Ops.meanSquaredError(y, targets: Tensor.normal(shape: y.shape, using: &rng), tape: tape)
                tape.backward(from: loss)
                return (y.value.copy(), w.grad.copy(), b.grad.copy())
            }
            let fused = try run(fused: true), plain = try run(fused: false)
            XCTAssertEqual(fused.y.shape, plain.y.shape, label)
            XCTAssertLessThan(fused.y.maxAbsDifference(plain.y), 1e-5, label)
            XCTAssertEqual(fused.dw.shape, w.shape, label)
            XCTAssertLessThan(fused.dw.maxAbsDifference(plain.dw), 1e-5, label)
            XCTAssertLessThan(fused.db.maxAbsDifference(plain.db), 1e-5, label)
            XCTAssertGreaterThan(fused.dw.scalars.map(abs).max() ?? 0, 0.01, label)  // gradients flowed
        }
    }

    func testFusedOpGradientsByFiniteDifferences() throws {
        let x = randomVariable([2, 7, 6, 3], seed: 5), w = randomVariable([3, 3, 3, 8], seed: 6, scale: 0.4),
            b = randomVariable([8], seed: 7)
        for activation in [Activation.linear, .relu] {  // 7×6 input → 5×4 conv → 2×2 pooled (odd edge unused)
            try assertGradientsMatch([x, w, b], step: 1e-3) {
                try Ops.conv2dMaxPool2x2(x, kernel: w, bias: b, stride: (1, 1), padding: .valid,
                                         activation: activation, tape: $0)
            }
        }
        XCTAssertThrowsError(try Ops.conv2dMaxPool2x2(x, kernel: w, bias: b, stride: (1, 1), padding: .valid,
                                                      activation: .tanh, tape: nil))
    }

    func testOnlyPlainTwoByTwoPoolingAfterReluOrLinearIsFused() throws {
        let m = Sequential {
            Conv2D(4, kernelSize: 3, activation: .tanh); MaxPool2D(2)
            Conv2D(4, kernelSize: 3, activation: .relu); MaxPool2D(2, strides: 1)
        }
        try m.build(input: [12, 12, 1])
        XCTAssertNil((m.layers[0] as! Conv2D).fusedPool)
        XCTAssertNil((m.layers[2] as! Conv2D).fusedPool)
    }
}
