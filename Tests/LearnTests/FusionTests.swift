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
    func testSingleChannelFusedConvPoolMatchesSeparateOpsWithAndWithoutPadding() throws {
        let x = randomVariable([2, 9, 8, 1], seed: 8, requiresGrad: false)
        for (k, padding) in [(3, Padding.valid), (2, .same), (3, .same), (2, .valid)] {
            let w = randomVariable([k, k, 1, 18], seed: 9, scale: 0.5), b = randomVariable([18], seed: 10)
            let fused = try Ops.conv2dMaxPool2x2(x, kernel: w, bias: b, stride: (1, 1), padding: padding,
                                                 activation: .relu, tape: nil)
            let conv = try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: padding, activation: .relu,
                                      tape: nil)
            let plain = try Ops.maxPool2d(conv, pool: (2, 2), stride: (2, 2), padding: .valid, tape: nil)
            XCTAssertEqual(fused.shape, plain.shape, "\(k)×\(k) \(padding)")
            XCTAssertLessThan(fused.value.maxAbsDifference(plain.value), 1e-5, "\(k)×\(k) \(padding)")
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
