import XCTest
@testable import Tensor

/// im2col + SGEMM convolution and pooling against direct loops (the reference path).
final class WindowKernelTests: XCTestCase {
    func testGeometryMatchesKerasSizes() throws {
        let valid = try WindowGeometry(batch: 1, height: 28, width: 28, channels: 1,
                                       kernel: (3, 3), stride: (1, 1), padding: .valid)
        XCTAssertEqual([valid.outHeight, valid.outWidth], [26, 26])
        let same = try WindowGeometry(batch: 1, height: 7, width: 8, channels: 1,
                                      kernel: (3, 3), stride: (2, 2), padding: .same)
        XCTAssertEqual([same.outHeight, same.outWidth, same.padTop, same.padLeft], [4, 4, 1, 0])
        XCTAssertThrowsError(try WindowGeometry(batch: 1, height: 2, width: 2, channels: 1,
                                                kernel: (3, 3), stride: (1, 1), padding: .valid))
        // PyTorch's padding=1 at stride 2 on an even size: one zero row above, unlike .same
        let explicit = try WindowGeometry(batch: 1, height: 8, width: 8, channels: 1, kernel: (3, 3), stride: (2, 2),
                                          padding: .explicit(rows: 1, columns: 2))
        XCTAssertEqual([explicit.outHeight, explicit.outWidth, explicit.padTop, explicit.padLeft], [4, 5, 1, 2])
        XCTAssertThrowsError(try WindowGeometry(batch: 1, height: 1, width: 1, channels: 1,
                                                kernel: (5, 5), stride: (1, 1),
                                                padding: .explicit(rows: 1, columns: 1)))
        for padding in [Padding.valid, .same, .explicit(rows: 2, columns: 0)] {
            XCTAssertEqual(Padding(rawValue: padding.rawValue), padding)
        }
        XCTAssertNil(Padding(rawValue: "1,-1"))
    }

    func testIm2colConvolutionMatchesDirectLoops() throws {
        for (padding, stride) in [(Padding.valid, 1), (.same, 1), (.same, 2), (.valid, 2),
                                  (.explicit(rows: 1, columns: 2), 2)] {
            var rng = SeededGenerator(seed: 1)
            let (n, h, w, c, f, k) = (2, 7, 6, 3, 4, 3)
            let x = Tensor.normal(shape: [n, h, w, c], using: &rng)
            let kernel = Tensor.normal(shape: [k, k, c, f], using: &rng)
            let g = try WindowGeometry(batch: n, height: h, width: w, channels: c,
                                       kernel: (k, k), stride: (stride, stride), padding: padding)
            var cols = Tensor(zeros: [g.outputPositions, g.patchSize]), y = Tensor(zeros: [g.outputPositions, f])
            Kernels.im2col(x.pointer, g, into: cols.mutablePointer)
            Gemm.multiply(cols.pointer, kernel.pointer, into: y.mutablePointer,
                          m: g.outputPositions, n: f, k: g.patchSize)
            for b in 0..<n { for oy in 0..<g.outHeight { for ox in 0..<g.outWidth { for o in 0..<f {
                var s: Float = 0
                for ky in 0..<k { for kx in 0..<k {
                    let iy = oy * stride - g.padTop + ky, ix = ox * stride - g.padLeft + kx
                    guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                    for ch in 0..<c {
                        s += x[flat: ((b * h + iy) * w + ix) * c + ch] * kernel[flat: ((ky * k + kx) * c + ch) * f + o]
                    }
                } }
                XCTAssertEqual(y[flat: ((b * g.outHeight + oy) * g.outWidth + ox) * f + o], s, accuracy: 1e-4,
                               "\(padding) stride \(stride)")
            } } } }
            // col2im is im2col's adjoint: <im2col(x), r> == <x, col2im(r)>
            let r = Tensor.normal(shape: cols.shape, using: &rng)
            var back = Tensor(zeros: x.shape)
            Kernels.col2im(r.pointer, g, accumulateInto: back.mutablePointer)
            var lhs = 0.0, rhs = 0.0
            for i in 0..<cols.count { lhs += Double(cols[flat: i] * r[flat: i]) }
            for i in 0..<x.count { rhs += Double(x[flat: i] * back[flat: i]) }
            XCTAssertEqual(lhs, rhs, accuracy: 1e-3)
        }
    }

    func testCol2imScattersEveryTapIntoItsPixel() throws {
        // Wide channels (vector bodies and tails), windows hanging over every edge, and `overwrite`.
        for (c, padding, stride) in [(17, Padding.same, 1), (33, .explicit(rows: 1, columns: 2), 2), (2, .valid, 1)] {
            var rng = SeededGenerator(seed: UInt64(c))
            let (n, h, w, k) = (2, 5, 6, 3)
            let g = try WindowGeometry(batch: n, height: h, width: w, channels: c,
                                       kernel: (k, k), stride: (stride, stride), padding: padding)
            let cols = Tensor.normal(shape: [g.outputPositions, g.patchSize], using: &rng)
            var expected = [Float](repeating: 0, count: n * h * w * c)
            for b in 0..<n { for oy in 0..<g.outHeight { for ox in 0..<g.outWidth {
                let row = (b * g.outHeight + oy) * g.outWidth + ox
                for ky in 0..<k { for kx in 0..<k {
                    let iy = oy * stride - g.padTop + ky, ix = ox * stride - g.padLeft + kx
                    guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                    let pixel = ((b * h + iy) * w + ix) * c, tap = row * g.patchSize + (ky * k + kx) * c
                    for ch in 0..<c { expected[pixel + ch] += cols[flat: tap + ch] }
                } }
            } } }
            for overwrite in [false, true] {
                var dx = Tensor(repeating: 0.5, shape: [n, h, w, c])
                Kernels.col2im(cols.pointer, g, accumulateInto: dx.mutablePointer, overwrite: overwrite)
                for i in 0..<expected.count {
                    XCTAssertEqual(dx[flat: i], expected[i] + (overwrite ? 0 : 0.5), accuracy: 1e-5,
                                   "c \(c) \(padding) stride \(stride) overwrite \(overwrite) at \(i)")
                }
            }
        }
    }

    func testPoolingMatchesDirectLoops() throws {
        var rng = SeededGenerator(seed: 2)
        let x = Tensor.normal(shape: [2, 5, 5, 3], using: &rng)
        let g = try WindowGeometry(batch: 2, height: 5, width: 5, channels: 3,
                                   kernel: (2, 2), stride: (2, 2), padding: .same)
        var y = Tensor(zeros: [2, 3, 3, 3]), avg = Tensor(zeros: [2, 3, 3, 3])
        var idx = [Int32](repeating: 0, count: y.count)
        Kernels.maxPool(x.pointer, g, into: y.mutablePointer, argmax: &idx)
        Kernels.avgPool(g, backward: false, input: x.pointer, output: avg.mutablePointer)
        for b in 0..<2 { for oy in 0..<3 { for ox in 0..<3 { for c in 0..<3 {
            var m = -Float.infinity, s: Float = 0, taps: Float = 0
            for iy in (oy * 2)..<min(oy * 2 + 2, 5) { for ix in (ox * 2)..<min(ox * 2 + 2, 5) {
                let v = x[flat: ((b * 5 + iy) * 5 + ix) * 3 + c]; m = max(m, v); s += v; taps += 1
            } }
            let o = ((b * 3 + oy) * 3 + ox) * 3 + c
            XCTAssertEqual(y[flat: o], m); XCTAssertEqual(x[flat: Int(idx[o])], m)
            XCTAssertEqual(avg[flat: o], s / taps, accuracy: 1e-6)
        } } } }
    }

    func testPlain2x2PoolingMatchesGeneralPathIncludingTiesAndOddSizes() throws {
        var rng = SeededGenerator(seed: 3)
        var x = Tensor.normal(shape: [2, 5, 7, 9], using: &rng)  // odd sizes, 9 channels (SIMD + scalar tail)
        for i in stride(from: 0, to: x.count, by: 5) { x[flat: i] = 0.5 }  // plenty of ties
        let g = try WindowGeometry(batch: 2, height: 5, width: 7, channels: 9,
                                   kernel: (2, 2), stride: (2, 2), padding: .valid)
        XCTAssertTrue(g.isPlain2x2)
        var fast = Tensor(zeros: [2, 2, 3, 9]), general = Tensor(zeros: [2, 2, 3, 9])
        var idx = [Int32](repeating: 0, count: general.count)
        Kernels.maxPool2x2(x.pointer, g, into: fast.mutablePointer)
        Kernels.maxPool(x.pointer, g, into: general.mutablePointer, argmax: &idx)
        XCTAssertEqual(fast.scalars, general.scalars)
        let dy = Tensor.normal(shape: fast.shape, using: &rng)
        var dxFast = Tensor(repeating: 7, shape: x.shape), dxGeneral = Tensor(zeros: x.shape)
        Kernels.maxPool2x2Backward(x: x.pointer, y: fast.pointer, dy: dy.pointer, g,
                                   into: dxFast.mutablePointer, overwrite: true)
        Kernels.maxPoolBackward(dy.pointer, argmax: idx, g, accumulateInto: dxGeneral.mutablePointer)
        XCTAssertEqual(dxFast.scalars, dxGeneral.scalars)  // same winners, and the 7s were all overwritten
    }
}
