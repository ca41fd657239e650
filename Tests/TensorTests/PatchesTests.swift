import XCTest
@testable import Tensor

/// Single-channel images unfold transposed (one row per kernel tap): the same numbers as im2col's,
/// and the same convolution and kernel gradient.
final class PatchesTests: XCTestCase {
    private let geometries: [(Padding, Int, Int)] = [(.valid, 1, 3), (.same, 1, 3), (.same, 2, 3), (.valid, 2, 5),
                                                     (.explicit(rows: 1, columns: 2), 2, 3), (.same, 3, 2)]

    func testColumnsAreTheTransposeOfIm2col() throws {
        for (padding, stride, k) in geometries {
            var rng = SeededGenerator(seed: UInt64(stride * 10 + k))
            let (n, h, w) = (3, 9, 7)
            let x = Tensor.normal(shape: [n, h, w, 1], using: &rng)
            let g = try WindowGeometry(batch: n, height: h, width: w, channels: 1,
                                       kernel: (k, k), stride: (stride, stride), padding: padding)
            var rows = Tensor(zeros: [g.outputPositions, g.patchSize])
            var columns = Tensor(repeating: .nan, shape: [g.patchSize, g.outputPositions])  // every entry written
            Kernels.im2col(x.pointer, g, into: rows.mutablePointer)
            Kernels.im2colColumns(x.pointer, g, into: columns.mutablePointer)
            for p in 0..<g.outputPositions {
                for t in 0..<g.patchSize {
                    XCTAssertEqual(columns[flat: t * g.outputPositions + p], rows[flat: p * g.patchSize + t],
                                   "\(padding) stride \(stride) kernel \(k): position \(p), tap \(t)")
                }
            }
        }
    }

    func testBothLayoutsGiveTheSameConvolutionAndKernelGradient() throws {
        for (padding, stride, k) in geometries {
            var rng = SeededGenerator(seed: UInt64(100 + stride * 10 + k))
            let (n, h, w, f) = (2, 8, 9, 5)
            let x = Tensor.normal(shape: [n, h, w, 1], using: &rng)
            let kernel = Tensor.normal(shape: [k * k, f], using: &rng)
            let g = try WindowGeometry(batch: n, height: h, width: w, channels: 1,
                                       kernel: (k, k), stride: (stride, stride), padding: padding)
            let dz = Tensor.normal(shape: [g.outputPositions, f], using: &rng)
            var storage = Tensor(zeros: [g.outputPositions * g.patchSize])
            let patches = Patches(x.pointer, g, filters: f, into: storage.mutablePointer)
            XCTAssertEqual(patches.layout, .columns)
            var z = Tensor(zeros: [g.outputPositions, f]), dKernel = Tensor(repeating: 1, shape: [k * k, f])
            patches.convolve(kernel.pointer, filters: f, into: z.mutablePointer)
            patches.accumulateKernelGradient(dz.pointer, filters: f, into: dKernel.mutablePointer)
            // The same through im2col's rows and plain products.
            var cols = Tensor(zeros: [g.outputPositions, g.patchSize])
            Kernels.im2col(x.pointer, g, into: cols.mutablePointer)
            let expectedZ = try Tensor.matmul(cols, kernel)
            var expectedDKernel = try Tensor.matmul(cols, dz, transposeA: true)
            for i in 0..<expectedDKernel.count { expectedDKernel.mutablePointer[i] += 1 }
            XCTAssertLessThan(z.maxAbsDifference(expectedZ), 1e-4, "\(padding) stride \(stride) kernel \(k)")
            XCTAssertLessThan(dKernel.maxAbsDifference(expectedDKernel), 1e-3,
                              "\(padding) stride \(stride) kernel \(k)")
            var fresh = Tensor(repeating: .nan, shape: [k * k, f])
            patches.accumulateKernelGradient(dz.pointer, filters: f, into: fresh.mutablePointer, overwrite: true)
            for i in 0..<expectedDKernel.count { expectedDKernel.mutablePointer[i] -= 1 }
            XCTAssertFalse(fresh.scalars.contains(where: \.isNaN), "overwriting left the old values")
            XCTAssertLessThan(fresh.maxAbsDifference(expectedDKernel), 1e-3, "overwriting: \(padding) \(stride) \(k)")
        }
    }
}
