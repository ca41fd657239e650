import XCTest
import Tensor
@testable import Learn

final class OpGradientTests: XCTestCase {
    func testDense() throws {
        let x = randomVariable([3, 4], seed: 1), w = randomVariable([4, 5], seed: 2), b = randomVariable([5], seed: 3)
        try assertGradientsMatch([x, w, b]) { try Ops.dense(x, kernel: w, bias: b, tape: $0) }
        for kind in Activation.allCases where kind != .step {  // fused; step: no derivative to check
            try assertGradientsMatch([x, w, b], step: 1e-3) {
                try Ops.dense(x, kernel: w, bias: b, activation: kind, alpha: 0.3, tape: $0)
            }
        }
    }

    func testConv2dWithFusedActivations() throws {
        let x = randomVariable([2, 4, 4, 2], seed: 21), w = randomVariable([3, 3, 2, 3], seed: 22, scale: 0.5),
            b = randomVariable([3], seed: 23)
        for kind in Activation.allCases where kind != .step {  // step: no derivative to check
            try assertGradientsMatch([x, w, b], step: 1e-3) {
                try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .same, activation: kind,
                               alpha: 0.3, tape: $0)
            }
        }
    }

    func testConv2dInManySmallBlocksAcrossCores() throws {
        let saved = Ops.convBlockFloats
        Ops.convBlockFloats = 200  // one image per block, and 6 images × 7776 work units: split across cores
        defer { Ops.convBlockFloats = saved }
        let x = randomVariable([6, 8, 8, 3], seed: 26), w = randomVariable([3, 3, 3, 8], seed: 27, scale: 0.3),
            b = randomVariable([8], seed: 28)
        try assertGradientsMatch([x, w, b], step: 1e-3) {
            try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, activation: .tanh, tape: $0)
        }
        // Same result as one big block.
        let small = try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, tape: nil).value
        Ops.convBlockFloats = saved
        let big = try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, tape: nil).value
        XCTAssertLessThan(small.maxAbsDifference(big), 1e-5)
    }

    /// 8 channels under a 2×2 kernel and 9 outputs per row: the products read the fields in the image
    /// (Patches' in-place layout, on CPUs with Folio's kernel), one image per block so both cores take part.
    func testConvolutionsWithFieldsReadInPlace() throws {
        let saved = Ops.convBlockFloats
        Ops.convBlockFloats = 200
        defer { Ops.convBlockFloats = saved }
        let x = randomVariable([3, 10, 10, 8], seed: 29), w = randomVariable([2, 2, 8, 5], seed: 30, scale: 0.3),
            b = randomVariable([5], seed: 31)
        let g = try WindowGeometry(batch: 3, height: 10, width: 10, channels: 8, kernel: (2, 2), stride: (1, 1),
                                   padding: .valid)
        XCTAssertEqual(PatchLayout(g, filters: 5), Gemm.folioKernelAvailable ? .inPlace : .rows)
        try assertGradientsMatch([x, w, b], step: 1e-3) {
            try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, activation: .tanh, tape: $0)
        }
        try assertGradientsMatch([x, w, b], step: 1e-3) {
            try Ops.conv2dMaxPool2x2(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, activation: .linear,
                                     tape: $0)
        }
    }

    /// The backward reads the fields as its forward chose to (and sized the workspace for), even when the product
    /// kernel is switched in between: the same gradients as without the switch.
    func testConvolutionBackwardKeepsItsForwardsLayout() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "this CPU has neither AVX-512 nor AVX2: fields are unfolded")
        let x = randomVariable([2, 10, 10, 8], seed: 32), w = randomVariable([2, 2, 8, 8], seed: 33, scale: 0.3),
            b = randomVariable([8], seed: 34)
        defer { Gemm.kernel = .folio }
        func gradients(switchingKernel: Bool) throws -> [[Float]] {
            Gemm.kernel = .folio
            let tape = Tape()
            let y = try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, activation: .tanh,
                                   tape: tape)
            let pooled = try Ops.conv2dMaxPool2x2(y, kernel: randomVariable([2, 2, 8, 16], seed: 35, scale: 0.3),
                                                  bias: nil, stride: (1, 1), padding: .valid, activation: .relu,
                                                  tape: tape)
            let loss = try Ops.meanSquaredError(pooled, targets: Tensor(zeros: pooled.shape), tape: tape)
            if switchingKernel { Gemm.kernel = .openBLAS }
            tape.backward(from: loss)
            return [x.grad.scalars, w.grad.scalars, b.grad.scalars]
        }
        let plain = try gradients(switchingKernel: false), switched = try gradients(switchingKernel: true)
        XCTAssertEqual(plain, switched)
    }

    func testGradientsAccumulateWhenAVariableIsUsedTwice() throws {
        let x = randomVariable([3, 4], seed: 24), w = randomVariable([4, 4], seed: 25)
        try assertGradientsMatch([x, w]) { tape in
            let h = try Ops.dense(x, kernel: w, bias: nil, activation: .tanh, tape: tape)
            let h2 = try Ops.dense(h, kernel: w, bias: nil, tape: tape)
            return try Ops.add(h2, x, tape: tape)
        }
    }

    func testConv2dValidAndSameWithStride() throws {
        let x = randomVariable([2, 5, 6, 3], seed: 4), w = randomVariable([3, 3, 3, 4], seed: 5, scale: 0.5),
            b = randomVariable([4], seed: 6)
        try assertGradientsMatch([x, w, b]) {
            try Ops.conv2d(x, kernel: w, bias: b, stride: (1, 1), padding: .valid, tape: $0)
        }
        try assertGradientsMatch([x, w, b]) {
            try Ops.conv2d(x, kernel: w, bias: b, stride: (2, 2), padding: .same, tape: $0)
        }
        try assertGradientsMatch([x, w, b]) {
            try Ops.conv2d(x, kernel: w, bias: b, stride: (2, 2), padding: .explicit(rows: 1, columns: 2), tape: $0)
        }
    }

    func testMaxAndAveragePooling() throws {
        let x = randomVariable([2, 5, 4, 3], seed: 8)
        try assertGradientsMatch([x], step: 1e-3) {
            try Ops.maxPool2d(x, pool: (2, 2), stride: (2, 2), padding: .valid, tape: $0)
        }
        try assertGradientsMatch([x], step: 1e-3) {
            try Ops.maxPool2d(x, pool: (2, 2), stride: (2, 2), padding: .same, tape: $0)
        }
        try assertGradientsMatch([x]) { try Ops.avgPool2d(x, pool: (3, 3), stride: (2, 2), padding: .same, tape: $0) }
        try assertGradientsMatch([x], step: 1e-3) {
            try Ops.maxPool2d(x, pool: (3, 3), stride: (2, 2), padding: .explicit(rows: 1, columns: 1), tape: $0)
        }
        try assertGradientsMatch([x]) { try Ops.globalAvgPool2d(x, tape: $0) }
    }

    func testEveryActivation() throws {
        for kind in Activation.allCases where kind != .step {  // step: no derivative to check
            let x = randomVariable([4, 6], seed: 9)
            try assertGradientsMatch([x], step: 1e-3) { Ops.activation(x, kind, alpha: 0.3, tape: $0) }
        }
        let x = randomVariable([3, 5], seed: 10)
        try assertGradientsMatch([x]) { Ops.softmax(x, tape: $0) }
    }

    func testReshapeAddAndDropout() throws {
        let a = randomVariable([2, 3, 4], seed: 11), b = randomVariable([2, 3, 4], seed: 12)
        try assertGradientsMatch([a]) { try Ops.reshape(a, to: [2, 12], tape: $0) }
        try assertGradientsMatch([a, b]) { try Ops.add(a, b, tape: $0) }
        // one variable on both sides, and through a reshape as well: the first gradient is copied, the rest added
        try assertGradientsMatch([a]) { try Ops.add(a, a, tape: $0) }
        try assertGradientsMatch([a]) { tape in
            let flat = try Ops.reshape(a, to: [2, 12], tape: tape)
            return try Ops.add(try Ops.reshape(flat, to: [2, 3, 4], tape: tape), a, tape: tape)
        }
        let ws = Workspace()
        try assertGradientsMatch([a]) { tape in  // same seed each call → same mask, so the function is fixed
            var rng = SeededGenerator(seed: 3)
            return Ops.dropout(a, rate: 0.4, training: true, rng: &rng, workspace: ws, tape: tape)
        }
    }

    func testBatchNormTrainingAndInference() throws {
        let x = randomVariable([6, 3], seed: 13), gamma = randomVariable([3], seed: 14),
            beta = randomVariable([3], seed: 15)
        for training in [true, false] {
            let mean = Variable(zeros: [3], requiresGrad: false),
                variance = Variable(Tensor(repeating: 1, shape: [3]), requiresGrad: false)
            try assertGradientsMatch([x, gamma, beta]) {
                try Ops.batchNorm(x, gamma: gamma, beta: beta, movingMean: mean, movingVariance: variance,
                                  momentum: 1, epsilon: 1e-3, training: training, tape: $0)
            }
        }
    }

    func testLosses() throws {
        let logits = randomVariable([4, 5], seed: 16)
        let labels: [Int32] = [0, 3, 4, 1]
        try assertGradientsMatch([logits]) { tape in
            try labels.withUnsafeBufferPointer {
                try Ops.softmaxCrossEntropy(logits: logits, labels: $0.baseAddress!, tape: tape)
            }
        }
        var oneHot = Tensor(zeros: [4, 5])
        for (i, l) in labels.enumerated() { oneHot[flat: i * 5 + Int(l)] = 1 }
        try assertGradientsMatch([logits]) { try Ops.softmaxCrossEntropy(logits: logits, targets: oneHot, tape: $0) }
        let t = try Tensor(shape: [4, 5], scalars: (0..<20).map { Float($0 % 2) })
        try assertGradientsMatch([logits]) {
            try Ops.binaryCrossEntropy(logits, targets: t, fromLogits: true, tape: $0)
        }
        let p = Variable(Tensor(repeating: 0.3, shape: [4, 5]) )
        try assertGradientsMatch([p], step: 1e-3) {
            try Ops.binaryCrossEntropy(p, targets: t, fromLogits: false, tape: $0)
        }
        let w = randomVariable([3, 2], seed: 17)
        try assertGradientsMatch([w]) { Ops.l2Penalty([w], lambda: 0.1, tape: $0) }
    }

    func testCrossEntropyIsStableForHugeLogitsAndMatchesHandValue() throws {
        let logits = Variable(try Tensor(shape: [1, 3], scalars: [1000, 0, -1000]))
        let ce = try [Int32(1)].withUnsafeBufferPointer {
            try Ops.softmaxCrossEntropy(logits: logits, labels: $0.baseAddress!, tape: nil)
        }
        XCTAssertEqual(ce.value[flat: 0], 1000, accuracy: 1e-2)
        let small = Variable(try Tensor(shape: [1, 2], scalars: [0, 0]))
        let ce2 = try [Int32(0)].withUnsafeBufferPointer {
            try Ops.softmaxCrossEntropy(logits: small, labels: $0.baseAddress!, tape: nil)
        }
        XCTAssertEqual(ce2.value[flat: 0], Float(log(2.0)), accuracy: 1e-6)
    }
}
