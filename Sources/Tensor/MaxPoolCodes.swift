// 2×2 max pooling that records which tap won (0…3, as a Float so the loops stay in SIMD
// registers), for the fused convolution + pooling op: its backward rebuilds the convolution's
// output gradient from the pooled gradient and these codes without keeping the convolution's
// output at all.

extension Kernels {
    /// x: [N, H, W, C] -> y, codes: [N, H/2, W/2, C]; code t means tap t won (row-major, first
    /// maximal tap on ties). With `bias` ([C]) and `relu`, y = max(max of taps + bias, 0): adding
    /// a per-channel constant and relu both commute with the max, so the convolution before
    /// never needs its own bias-and-relu pass over the 4× larger unpooled output.
    /// Serial: the fused op calls it per block on each core.
    public static func maxPool2x2(_ x: UnsafePointer<Float>, _ g: WindowGeometry,
                                  bias: UnsafePointer<Float>? = nil, relu: Bool = false,
                                  into y: UnsafeMutablePointer<Float>, codes: UnsafeMutablePointer<Float>) {
        let c = g.channels, rowStride = g.width * c
        forEachWindow2x2(g) { tap, o in
            let p0 = x + tap, p1 = p0 + c
            let p2 = p0 + rowStride, p3 = p2 + c
            let yo = y + o, co = codes + o
            var ch = 0
            while ch + 8 <= c {
                let a0 = load8(p0 + ch), a1 = load8(p1 + ch), a2 = load8(p2 + ch), a3 = load8(p3 + ch)
                let m = a0.replacing(with: a1, where: a1 .> a0)
                let m2 = m.replacing(with: a2, where: a2 .> m)
                let m3 = m2.replacing(with: a3, where: a3 .> m2)
                var code = SIMD8<Float>(repeating: 0).replacing(with: 1, where: a1 .> a0)
                code.replace(with: 2, where: a2 .> m)
                code.replace(with: 3, where: a3 .> m2)
                var out = m3
                if let bias { out += load8(bias + ch) }
                if relu { out.replace(with: 0, where: out .< 0) }
                store8(out, yo + ch); store8(code, co + ch)
                ch += 8
            }
            while ch < c {
                var m = p0[ch], code: Float = 0
                if p1[ch] > m { m = p1[ch]; code = 1 }
                if p2[ch] > m { m = p2[ch]; code = 2 }
                if p3[ch] > m { m = p3[ch]; code = 3 }
                if let bias { m += bias[ch] }
                yo[ch] = relu ? max(m, 0) : m; co[ch] = code
                ch += 1
            }
        }
    }

    /// The adjoint: dx = 0 everywhere except each window's winning tap, which gets dy — or 0
    /// there too when `positiveOnly` and the pooled value y ≤ 0 (a relu before the pool had zero
    /// slope there). dy, y, codes: [N, Ho, Wo, C] -> dx: [N, H, W, C], fully overwritten. Serial.
    /// `biasGradient` ([C]), if given, gets += Σ dx per channel, summed here over the pooled
    /// positions instead of over the 4× larger dx afterwards.
    public static func maxPool2x2Backward(dy: UnsafePointer<Float>, y: UnsafePointer<Float>,
                                          codes: UnsafePointer<Float>, _ g: WindowGeometry, positiveOnly: Bool,
                                          into dx: UnsafeMutablePointer<Float>,
                                          biasGradient db: UnsafeMutablePointer<Float>? = nil) {
        let c = g.channels, rowStride = g.width * c
        if g.height > 2 * g.outHeight || g.width > 2 * g.outWidth {
            dx.update(repeating: 0, count: g.batch * g.imageSize)  // odd sizes leave an edge no window covers
        }
        forEachWindow2x2(g) { tap, o in
            let d0 = dx + tap, d1 = d0 + c
            let d2 = d0 + rowStride, d3 = d2 + c
            var ch = 0
            while ch + 8 <= c {
                let zero = SIMD8<Float>(repeating: 0), code = load8(codes + o + ch)
                var d = load8(dy + o + ch)
                if positiveOnly { d = zero.replacing(with: d, where: load8(y + o + ch) .> zero) }
                if let db { store8(load8(db + ch) + d, db + ch) }
                store8(zero.replacing(with: d, where: code .== 0), d0 + ch)
                store8(zero.replacing(with: d, where: code .== 1), d1 + ch)
                store8(zero.replacing(with: d, where: code .== 2), d2 + ch)
                store8(zero.replacing(with: d, where: code .== 3), d3 + ch)
                ch += 8
            }
            while ch < c {
                let code = codes[o + ch], d = positiveOnly && y[o + ch] <= 0 ? 0 : dy[o + ch]
                if let db { db[ch] += d }
                d0[ch] = code == 0 ? d : 0; d1[ch] = code == 1 ? d : 0
                d2[ch] = code == 2 ? d : 0; d3[ch] = code == 3 ? d : 0
                ch += 1
            }
        }
    }

    /// Calls `body(tap, o)` for every 2×2 window, in order: `tap` is the offset of its top-left tap
    /// in [N, H, W, C] (the others are tap + C, tap + W·C, tap + W·C + C), `o` that of its pooled
    /// value in [N, H/2, W/2, C]. Inlined, so the kernels' SIMD loops compile as if written out.
    @inline(__always)
    private static func forEachWindow2x2(_ g: WindowGeometry, _ body: (_ tap: Int, _ o: Int) -> Void) {
        for nOh in 0..<(g.batch * g.outHeight) {
            let n = nOh / g.outHeight, oh = nOh % g.outHeight
            for ow in 0..<g.outWidth {
                body(((n * g.height + 2 * oh) * g.width + 2 * ow) * g.channels, (nOh * g.outWidth + ow) * g.channels)
            }
        }
    }
}
