// The common 2×2, stride-2, unpadded max pooling, without stored indices: the forward is a
// plain max (vectorises), and the backward finds each window's winner again by comparing the
// taps with the pooled value, writing every dx element once (no clearing sweep, no scatter).

extension WindowGeometry {
    /// True for 2×2 windows with stride 2 whose windows all lie inside the image (no padding).
    public var isPlain2x2: Bool {
        kernelHeight == 2 && kernelWidth == 2 && strideY == 2 && strideX == 2 && padTop == 0 && padLeft == 0
            && 2 * outHeight <= height && 2 * outWidth <= width
    }
}

extension Kernels {
    /// x: [N, H, W, C] -> y: [N, H/2, W/2, C] (odd trailing row/column ignored, as Keras's valid).
    public static func maxPool2x2(_ x: UnsafePointer<Float>, _ g: WindowGeometry, into y: UnsafeMutablePointer<Float>) {
        let c = g.channels, rowStride = g.width * c
        Parallel.forEach(g.batch * g.outHeight, costPerItem: g.outWidth * c * 4) { range in
            for nOh in range {
                let n = nOh / g.outHeight, oh = nOh % g.outHeight
                for ow in 0..<g.outWidth {
                    let p0 = x + ((n * g.height + 2 * oh) * g.width + 2 * ow) * c, p1 = p0 + c
                    let p2 = p0 + rowStride, p3 = p2 + c
                    let yo = y + (nOh * g.outWidth + ow) * c
                    for ch in 0..<c { yo[ch] = max(max(p0[ch], p1[ch]), max(p2[ch], p3[ch])) }
                }
            }
        }
    }

    /// dx = dy routed to each window's first maximal tap — x, dx: [N, H, W, C]; y, dy: [N, Ho, Wo, C].
    /// With `overwrite` every dx element is written (taps that lost and uncovered edges get 0);
    /// otherwise the routed gradient is added.
    public static func maxPool2x2Backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                          _ g: WindowGeometry, into dx: UnsafeMutablePointer<Float>, overwrite: Bool) {
        let c = g.channels, rowStride = g.width * c, imageSize = g.height * g.width * c
        Parallel.forEach(g.batch, costPerItem: g.outHeight * g.outWidth * c * 4) { range in
            for n in range {
                if overwrite && (g.height > 2 * g.outHeight || g.width > 2 * g.outWidth) {
                    // odd sizes: clear the uncovered edge too
                    (dx + n * imageSize).update(repeating: 0, count: imageSize)
                }
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        let base = ((n * g.height + 2 * oh) * g.width + 2 * ow) * c
                        let x0 = x + base, x1 = x0 + c, x2 = x0 + rowStride  // the 4th tap wins when none of these does
                        let d0 = dx + base, d1 = d0 + c, d2 = d0 + rowStride, d3 = d2 + c
                        let o = ((n * g.outHeight + oh) * g.outWidth + ow) * c
                        let yo = y + o, go = dy + o
                        // First maximal tap wins. Explicit SIMD: with eight pointers in play the
                        // auto-vectoriser gives up on alias checks, so 8 channels go per step by hand.
                        var ch = 0
                        while ch + 8 <= c {
                            let m = load8(yo + ch), d = load8(go + ch), zero = SIMD8<Float>(repeating: 0)
                            let e0 = load8(x0 + ch) .== m
                            let e1 = (load8(x1 + ch) .== m) .& .!e0
                            let e2 = (load8(x2 + ch) .== m) .& .!(e0 .| e1)
                            let e3 = .!(e0 .| e1 .| e2)
                            let g0 = zero.replacing(with: d, where: e0), g1 = zero.replacing(with: d, where: e1)
                            let g2 = zero.replacing(with: d, where: e2), g3 = zero.replacing(with: d, where: e3)
                            if overwrite {
                                store8(g0, d0 + ch); store8(g1, d1 + ch); store8(g2, d2 + ch); store8(g3, d3 + ch)
                            } else {
                                store8(load8(d0 + ch) + g0, d0 + ch); store8(load8(d1 + ch) + g1, d1 + ch)
                                store8(load8(d2 + ch) + g2, d2 + ch); store8(load8(d3 + ch) + g3, d3 + ch)
                            }
                            ch += 8
                        }
                        while ch < c {
                            let m = yo[ch], d = go[ch]
                            let t0 = x0[ch] == m, t1 = !t0 && x1[ch] == m
                            let t2 = !t0 && !t1 && x2[ch] == m, t3 = !t0 && !t1 && !t2
                            if overwrite { d0[ch] = 0; d1[ch] = 0; d2[ch] = 0; d3[ch] = 0 }
                            if t0 { d0[ch] += d } else if t1 { d1[ch] += d }
                            else if t2 { d2[ch] += d } else if t3 { d3[ch] += d }
                            ch += 1
                        }
                    }
                }
            }
        }
    }
}

