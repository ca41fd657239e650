import CKernels
import XCTest
@testable import Tensor

/// Receptive fields read in place (folio_gemm_conv.c) against the same products over im2col's unfolded
/// rows. The forward and the kernel gradient use the same blocks and summation order, so the same bits; the
/// input gradient adds onto the pixels in another order than col2im, so it agrees to rounding. Cases: kernel
/// rows that are a whole number of micro-tile rows or not, filter counts that fill a panel or leave a ragged
/// one, strides, and k blocks that start inside a kernel row (forward) or inside a row of outputs and inside
/// an image (kernel gradient).
final class InPlacePatchesTests: XCTestCase {
    override func tearDown() { Gemm.Setting.standard.select() }

    /// (images, height, width, channels, kernel rows, kernel columns, stride, filters)
    private let cases: [(Int, Int, Int, Int, Int, Int, Int, Int)] = [
        (3, 13, 13, 32, 3, 3, 1, 64),   // the Fashion CNN's second layer
        (2, 21, 19, 16, 3, 3, 2, 5),    // stride 2, one 16-wide panel
        (2, 10, 12, 8, 2, 2, 1, 40),    // 16-float kernel rows, a 32-wide and an 8-wide panel
        (2, 12, 14, 7, 4, 3, 1, 33),    // 21-float kernel rows: tiles of 12 and 9
        (4, 11, 12, 48, 3, 3, 1, 17),   // K = 432 in two blocks, the second from inside a kernel row
        (1, 10, 10, 8, 2, 2, 1, 300),   // ten panels; the input gradient's k (filters) in two blocks
    ]

    func testInPlaceProductsAgreeWithTheUnfoldedOnes() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "this CPU has neither AVX-512 nor AVX2: fields are unfolded")
        var kc = 0, mc = 0
        folio_gemm_block_sizes(&kc, &mc)
        defer { folio_gemm_set_blocks(kc, mc) }
        var rng = SeededGenerator(seed: 61)
        for setting in Gemm.Setting.available where setting != .openBLAS {
            setting.select()
            for blockK in [kc, 64] {
                folio_gemm_set_blocks(blockK, mc)
                for (n, h, w, c, kh, kw, stride, f) in cases {
                    let g = try WindowGeometry(batch: n, height: h, width: w, channels: c, kernel: (kh, kw),
                                               stride: (stride, stride), padding: .valid)
                    let label = "\(setting) \(n)×\(h)×\(w)×\(c), \(kh)×\(kw) stride \(stride), \(f) filters, "
                        + "kc \(blockK)"
                    assertProductsAgree(g, filters: f, using: &rng, label: label)
                }
            }
        }
    }

    /// Random geometries where the fields can be read in place.
    func testRandomGeometriesAgreeWithTheUnfoldedProducts() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "this CPU has neither AVX-512 nor AVX2: fields are unfolded")
        var rng = SeededGenerator(seed: 63)
        var checked = 0
        let settings = Gemm.Setting.available.filter { $0 != .openBLAS }
        while checked < 25 * settings.count {
            settings[checked % settings.count].select()
            let c = Int.random(in: 2...40, using: &rng), kh = Int.random(in: 1...4, using: &rng)
            let kw = Int.random(in: 1...4, using: &rng), stride = Int.random(in: 1...3, using: &rng)
            let h = Int.random(in: kh...(kh + 12), using: &rng)
            let w = Int.random(in: (kw + 7 * stride)...(kw + 7 * stride + 24), using: &rng)
            let n = Int.random(in: 1...3, using: &rng), f = Int.random(in: 2...70, using: &rng)
            let g = try WindowGeometry(batch: n, height: h, width: w, channels: c, kernel: (kh, kw),
                                       stride: (stride, stride), padding: .valid)
            guard PatchLayout(g, filters: f) == .inPlace else { continue }
            checked += 1
            assertProductsAgree(g, filters: f, using: &rng, label: "\(settings[(checked - 1) % settings.count]) "
                                + "\(n)×\(h)×\(w)×\(c), \(kh)×\(kw) stride \(stride), \(f) filters")
        }
    }

    /// Where a window would read padding, the output rows are short or a kernel row is under 16 floats,
    /// the fields are unfolded as before.
    func testUnfoldedWhereInPlaceDoesNotApply() throws {
        let sameGeometry = try WindowGeometry(batch: 1, height: 13, width: 13, channels: 32, kernel: (3, 3),
                                              stride: (1, 1), padding: .same)
        let narrowRows = try WindowGeometry(batch: 1, height: 5, width: 5, channels: 64, kernel: (3, 3),
                                            stride: (1, 1), padding: .valid)
        let shortKernelRows = try WindowGeometry(batch: 1, height: 32, width: 32, channels: 3, kernel: (3, 3),
                                                 stride: (1, 1), padding: .valid)
        for g in [sameGeometry, narrowRows, shortKernelRows] {
            XCTAssertEqual(PatchLayout(g, filters: 32), .rows, "\(g)")
        }
        let wide = try WindowGeometry(batch: 1, height: 13, width: 13, channels: 32, kernel: (3, 3),
                                      stride: (1, 1), padding: .valid)
        XCTAssertEqual(PatchLayout(wide, filters: 1), .rows, "one filter: the unfolded path's matrix-vector product")
        XCTAssertEqual(PatchLayout(wide, filters: 32), Gemm.folioKernelAvailable ? .inPlace : .rows)
    }

    /// The three products of random x, kernel and dz through the in-place layout and through im2col's rows:
    /// forward and kernel gradient to the bit, the input gradient (added to dx, and written over it) to rounding.
    private func assertProductsAgree(_ g: WindowGeometry, filters f: Int, using rng: inout SeededGenerator,
                                     label: String) {
        let x = Tensor.normal(shape: [g.batch, g.height, g.width, g.channels], using: &rng)
        let kernel = Tensor.normal(shape: [g.patchSize, f], using: &rng)
        let dz = Tensor.normal(shape: [g.outputPositions, f], using: &rng)
        let startKernel = Tensor.normal(shape: [g.patchSize, f], using: &rng)
        let startX = Tensor.normal(shape: [g.batch, g.height, g.width, g.channels], using: &rng)
        var unused = Tensor(zeros: [1])
        let patches = Patches(x.pointer, g, filters: f, into: unused.mutablePointer)
        XCTAssertEqual(patches.layout, .inPlace, label)
        var z = Tensor(repeating: .nan, shape: [g.outputPositions, f]), dKernel = startKernel.copy()
        patches.convolve(kernel.pointer, filters: f, into: z.mutablePointer)
        patches.accumulateKernelGradient(dz.pointer, filters: f, into: dKernel.mutablePointer)

        var cols = Tensor(zeros: [g.outputPositions, g.patchSize])
        Kernels.im2col(x.pointer, g, into: cols.mutablePointer)
        var expectedZ = Tensor(zeros: [g.outputPositions, f]), expectedDKernel = startKernel.copy()
        Gemm.multiply(cols.pointer, kernel.pointer, into: expectedZ.mutablePointer,
                      m: g.outputPositions, n: f, k: g.patchSize)
        Gemm.multiply(cols.pointer, transposeA: true, dz.pointer, into: expectedDKernel.mutablePointer,
                      m: g.patchSize, n: f, k: g.outputPositions, beta: 1)
        XCTAssertEqual(z.scalars, expectedZ.scalars, "forward: \(label)")
        XCTAssertEqual(dKernel.scalars, expectedDKernel.scalars, "kernel gradient: \(label)")
        // overwriting: the product alone, whatever the buffer held (NaN here)
        var fresh = Tensor(repeating: .nan, shape: [g.patchSize, f]), expectedFresh = Tensor(zeros: [g.patchSize, f])
        patches.accumulateKernelGradient(dz.pointer, filters: f, into: fresh.mutablePointer, overwrite: true)
        Gemm.multiply(cols.pointer, transposeA: true, dz.pointer, into: expectedFresh.mutablePointer,
                      m: g.patchSize, n: f, k: g.outputPositions)
        XCTAssertEqual(fresh.scalars, expectedFresh.scalars, "kernel gradient, overwriting: \(label)")

        Gemm.multiply(dz.pointer, kernel.pointer, transposeB: true, into: cols.mutablePointer,
                      m: g.outputPositions, n: g.patchSize, k: f)
        for overwrite in [false, true] {
            var expected = startX.copy(), dx = startX.copy()
            Kernels.col2im(cols.pointer, g, accumulateInto: expected.mutablePointer, overwrite: overwrite)
            patches.accumulateInputGradient(dz.pointer, kernel: kernel.pointer, filters: f,
                                            into: dx.mutablePointer, overwrite: overwrite)
            XCTAssertLessThan(dx.maxAbsDifference(expected), 1e-4 * Float(f * g.patchSize).squareRoot(),
                              "input gradient, overwrite \(overwrite): \(label)")
        }
    }
}
