import CKernels

// Convolution as matrix product: im2col lays every receptive field out as one row, so an NHWC
// convolution becomes cols [N*Ho*Wo, Kh*Kw*C] × kernel [Kh*Kw*C, F] = y [N*Ho*Wo, F], which is
// already the NHWC output. The kernel layout [Kh, Kw, C, F] is Keras's, so no reordering is needed.

extension Kernels {
    /// x: [N, H, W, C] -> cols: [N*Ho*Wo, Kh*Kw*C]; out-of-image taps are zero.
    public static func im2col(_ x: UnsafePointer<Float>, _ g: WindowGeometry, into cols: UnsafeMutablePointer<Float>) {
        let c = g.channels, rowLength = g.patchSize
        if g.windowsInsideImage {
            im2colInterior(x, g, into: cols)  // every window inside the image: no bounds checks
            return
        }
        Parallel.forEach(g.batch * g.outHeight, costPerItem: g.outWidth * rowLength) { range in
            for nOh in range {
                let n = nOh / g.outHeight, oh = nOh % g.outHeight
                let image = x + n * g.height * g.width * c
                for ow in 0..<g.outWidth {
                    var dst = cols + (nOh * g.outWidth + ow) * rowLength
                    let iy0 = oh * g.strideY - g.padTop, ix0 = ow * g.strideX - g.padLeft
                    for ky in 0..<g.kernelHeight {
                        let iy = iy0 + ky
                        if iy < 0 || iy >= g.height {
                            dst.update(repeating: 0, count: g.kernelWidth * c)
                            dst += g.kernelWidth * c
                            continue
                        }
                        let rowBase = image + iy * g.width * c
                        if ix0 >= 0 && ix0 + g.kernelWidth <= g.width {  // whole kernel row inside: one copy
                            let span = g.kernelWidth * c
                            copySpan(from: rowBase + ix0 * c, to: dst, count: span)
                            dst += span
                            continue
                        }
                        for kx in 0..<g.kernelWidth {
                            let ix = ix0 + kx
                            if ix < 0 || ix >= g.width { dst.update(repeating: 0, count: c) }
                            else { dst.update(from: rowBase + ix * c, count: c) }
                            dst += c
                        }
                    }
                }
            }
        }
    }

    /// im2col when no window reaches outside the image (valid padding): straight span copies.
    private static func im2colInterior(_ x: UnsafePointer<Float>, _ g: WindowGeometry,
                                       into cols: UnsafeMutablePointer<Float>) {
        let c = g.channels, rowLength = g.patchSize, span = g.kernelWidth * c, rowStride = g.width * c
        Parallel.forEach(g.batch * g.outHeight, costPerItem: g.outWidth * rowLength) { range in
            for nOh in range {
                let n = nOh / g.outHeight, oh = nOh % g.outHeight
                let top = x + (n * g.height + oh * g.strideY) * rowStride
                var dst = cols + nOh * g.outWidth * rowLength
                for ow in 0..<g.outWidth {
                    var src = top + ow * g.strideX * c
                    for _ in 0..<g.kernelHeight {
                        copySpan(from: src, to: dst, count: span)
                        src += rowStride; dst += span
                    }
                }
            }
        }
    }

    /// Adjoint of im2col: dx[N, H, W, C] += scatter of dcols [N*Ho*Wo, Kh*Kw*C]; with
    /// `overwrite`, dx is cleared image by image first (while that image is in cache).
    /// Split by image so no two workers touch the same dx element; the loops are C
    /// (`folio_col2im`), vectorised over a kernel row's contiguous taps.
    public static func col2im(_ cols: UnsafePointer<Float>, _ g: WindowGeometry,
                              accumulateInto dx: UnsafeMutablePointer<Float>, overwrite: Bool = false) {
        var window = g.cWindow
        let perImage = g.outHeight * g.outWidth * g.patchSize
        Parallel.forEach(g.batch, costPerItem: perImage) { range in
            folio_col2im(cols + range.lowerBound * perImage, range.count, &window,
                         dx + range.lowerBound * g.imageSize, overwrite ? 1 : 0)
        }
    }
}

/// Copies `count` floats; short spans (one-channel images: 1–8 floats per kernel row) are
/// unrolled, because a memmove call or a variable-length loop costs more than the copy.
@inline(__always)
func copySpan(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
    switch count {
    case 1: dst[0] = src[0]
    case 2: dst[0] = src[0]; dst[1] = src[1]
    case 3: dst[0] = src[0]; dst[1] = src[1]; dst[2] = src[2]
    case 4: dst[0] = src[0]; dst[1] = src[1]; dst[2] = src[2]; dst[3] = src[3]
    case 5: dst[0] = src[0]; dst[1] = src[1]; dst[2] = src[2]; dst[3] = src[3]; dst[4] = src[4]
    case 8: store8(load8(src), dst)
    case 9...16:
        store8(load8(src), dst)
        for j in 8..<count { dst[j] = src[j] }
    default:
        if count < 9 { for j in 0..<count { dst[j] = src[j] } } else { dst.update(from: src, count: count) }
    }
}
