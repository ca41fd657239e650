import XCTest
@testable import Tensor

/// The fused op's 2×2 pooling with winner codes, with bias and relu applied after the max, and
/// its backward summing the bias gradient — against direct loops.
final class PoolingCodesTests: XCTestCase {
    func testPoolingWithBiasAndReluAndItsBackwardMatchDirectLoops() throws {
        // Odd sizes; channel counts below, at and across the vector widths (scalar tails, masked tails).
        for (c, fused) in [(9, true), (33, true), (16, true), (1, false), (20, false)] {
            try checkPooling(channels: c, biasAndRelu: fused)
        }
    }

    private func checkPooling(channels c: Int, biasAndRelu: Bool) throws {
        var rng = SeededGenerator(seed: UInt64(11 + c))
        let (n, h, w) = (2, 5, 7)
        let x = Tensor.normal(shape: [n, h, w, c], using: &rng)
        let bias = biasAndRelu ? Tensor.normal(shape: [c], using: &rng) : Tensor(zeros: [c])
        let g = try WindowGeometry(batch: n, height: h, width: w, channels: c,
                                   kernel: (2, 2), stride: (2, 2), padding: .valid)
        var y = Tensor(zeros: [n, 2, 3, c]), codes = Tensor(zeros: y.shape)
        Kernels.maxPool2x2(x.pointer, g, bias: biasAndRelu ? bias.pointer : nil, relu: biasAndRelu,
                           into: y.mutablePointer, codes: codes.mutablePointer)
        let dy = Tensor.normal(shape: y.shape, using: &rng)
        var dx = Tensor(repeating: 7, shape: x.shape), db = Tensor(repeating: 1, shape: [c])
        Kernels.maxPool2x2Backward(dy: dy.pointer, y: y.pointer, codes: codes.pointer, g, positiveOnly: biasAndRelu,
                                   into: dx.mutablePointer, biasGradient: db.mutablePointer)
        var expectedDx = Tensor(zeros: x.shape), expectedDb = [Float](repeating: 1, count: c)
        for b in 0..<n { for oy in 0..<2 { for ox in 0..<3 { for ch in 0..<c {
            let taps = [(0, 0), (0, 1), (1, 0), (1, 1)].map { ((b * h + 2 * oy + $0.0) * w + 2 * ox + $0.1) * c + ch }
            let values = taps.map { x[flat: $0] }, best = values.max()!
            let o = ((b * 2 + oy) * 3 + ox) * c + ch
            let pooled = best + bias[flat: ch]
            XCTAssertEqual(y[flat: o], biasAndRelu ? max(pooled, 0) : pooled, accuracy: 1e-6)
            let winner = Int(codes[flat: o])
            XCTAssertEqual(winner, values.firstIndex(of: best))
            // relu's zero slope where the pooled value is clipped
            let d = !biasAndRelu || y[flat: o] > 0 ? dy[flat: o] : 0
            expectedDx[flat: taps[winner]] = d
            expectedDb[ch] += d
        } } } }
        XCTAssertEqual(dx.scalars, expectedDx.scalars)  // every element written: losers and the odd edge are 0
        for ch in 0..<c { XCTAssertEqual(db[flat: ch], expectedDb[ch], accuracy: 1e-4) }
        XCTAssertTrue(expectedDb.contains { $0 != 1 })  // some gradient actually reached the bias
    }

    func testPoolingKeepsNaNSoTrainingCanReportIt() throws {
        let g = try WindowGeometry(batch: 1, height: 2, width: 2, channels: 17,
                                   kernel: (2, 2), stride: (2, 2), padding: .valid)
        var x = Tensor(repeating: -1, shape: [1, 2, 2, 17])
        x.mutablePointer[0] = .nan  // tap 0 of channel 0: comparisons with NaN are false, so it stays the max
        let bias = Tensor(zeros: [17])
        var y = Tensor(zeros: [1, 1, 1, 17]), codes = Tensor(zeros: y.shape)
        Kernels.maxPool2x2(x.pointer, g, bias: bias.pointer, relu: true, into: y.mutablePointer,
                           codes: codes.mutablePointer)
        XCTAssertTrue(y[flat: 0].isNaN)
        XCTAssertEqual(y[flat: 1], 0)  // relu of −1
    }
}
