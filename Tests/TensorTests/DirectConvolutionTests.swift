import CKernels
import XCTest
@testable import Tensor

/// The first layer's direct convolution + pooling against the path every other layer takes: unfold,
/// multiply, pool with winner codes.
final class DirectConvolutionTests: XCTestCase {
    func testDirectKernelMatchesUnfoldMultiplyAndPool() throws {
        // 32 and 16 filters (vector bodies), 20 and 5 (scalar tails); 3×3 and 5×5; odd sizes leave
        // an unpooled last row and column.
        for (filters, k, h, w, fused) in [(32, 3, 28, 28, true), (20, 3, 9, 8, false), (5, 5, 11, 12, true),
                                          (16, 2, 7, 7, false)] {
            var rng = SeededGenerator(seed: UInt64(filters * 100 + k))
            let n = 3
            let x = Tensor.normal(shape: [n, h, w, 1], using: &rng)
            let kernel = Tensor.normal(shape: [k * k, filters], using: &rng)
            let bias = Tensor.normal(shape: [filters], using: &rng)
            let g = try WindowGeometry(batch: n, height: h, width: w, channels: 1, kernel: (k, k), stride: (1, 1),
                                       padding: .valid)
            let pool = try WindowGeometry(batch: n, height: g.outHeight, width: g.outWidth, channels: filters,
                                          kernel: (2, 2), stride: (2, 2), padding: .valid)
            let pooledShape = [n, pool.outHeight, pool.outWidth, filters]
            var y = Tensor(repeating: .nan, shape: pooledShape), codes = Tensor(repeating: .nan, shape: pooledShape)
            folio_conv1_max_pool_2x2(x.pointer, n, h, w, k, k, kernel.pointer, filters, fused ? bias.pointer : nil,
                                     fused ? 1 : 0, pool.outHeight, pool.outWidth, y.mutablePointer,
                                     codes.mutablePointer)
            var cols = Tensor(zeros: [g.outputPositions * g.patchSize]), z = Tensor(zeros: [g.outputPositions, filters])
            let patches = Patches(x.pointer, g, filters: filters, into: cols.mutablePointer)
            patches.convolve(kernel.pointer, filters: filters, into: z.mutablePointer)
            var expectedY = Tensor(zeros: pooledShape), expectedCodes = Tensor(zeros: pooledShape)
            Kernels.maxPool2x2(z.pointer, pool, bias: fused ? bias.pointer : nil, relu: fused,
                               into: expectedY.mutablePointer, codes: expectedCodes.mutablePointer)
            let label = "\(filters) filters, \(k)×\(k) on \(h)×\(w)"
            XCTAssertLessThan(y.maxAbsDifference(expectedY), 1e-5, label)
            // Winners agree wherever the two best taps are not within rounding of each other.
            var disagreements = 0
            for i in 0..<codes.count where codes[flat: i] != expectedCodes[flat: i] { disagreements += 1 }
            XCTAssertLessThanOrEqual(disagreements, codes.count / 1000, label)
            XCTAssertFalse(y.scalars.contains { $0.isNaN } || codes.scalars.contains { $0.isNaN }, label)
        }
    }
}
