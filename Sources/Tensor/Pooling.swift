// 2-D pooling over NHWC tensors. Max pooling remembers the winning input offset per output so
// the backward pass is a scatter; average pooling divides by the number of in-image taps (as Keras).

extension Kernels {
    /// x: [N, H, W, C] -> y: [N, Ho, Wo, C], argmax: [N, Ho, Wo, C] flat offsets into x.
    public static func maxPool(_ x: UnsafePointer<Float>, _ g: WindowGeometry,
                               into y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let c = g.channels
        Parallel.forEach(g.batch * g.outHeight, costPerItem: g.outWidth * c * g.kernelHeight * g.kernelWidth) { range in
            for nOh in range {
                let n = nOh / g.outHeight, oh = nOh % g.outHeight
                for ow in 0..<g.outWidth {
                    let o = (nOh * g.outWidth + ow) * c
                    let yo = y + o, ao = argmax + o
                    for ch in 0..<c { yo[ch] = -Float.infinity; ao[ch] = -1 }
                    for ky in 0..<g.kernelHeight {
                        let iy = oh * g.strideY - g.padTop + ky
                        if iy < 0 || iy >= g.height { continue }
                        for kx in 0..<g.kernelWidth {
                            let ix = ow * g.strideX - g.padLeft + kx
                            if ix < 0 || ix >= g.width { continue }
                            let base = ((n * g.height + iy) * g.width + ix) * c
                            let xi = x + base
                            for ch in 0..<c where xi[ch] > yo[ch] || ao[ch] < 0 {
                                yo[ch] = xi[ch]; ao[ch] = Int32(base + ch)
                            }
                        }
                    }
                }
            }
        }
    }

    /// dx[argmax[i]] += dy[i] — dy, argmax: [N, Ho, Wo, C]; dx: [N, H, W, C]. Split by image;
    /// with `overwrite`, each image of dx is cleared just before its scatter (cache-warm).
    public static func maxPoolBackward(_ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, _ g: WindowGeometry,
                                       accumulateInto dx: UnsafeMutablePointer<Float>, overwrite: Bool = false) {
        let perImage = g.outHeight * g.outWidth * g.channels, imageSize = g.height * g.width * g.channels
        Parallel.forEach(g.batch, costPerItem: perImage) { range in
            for n in range {
                if overwrite { (dx + n * imageSize).update(repeating: 0, count: imageSize) }
                for i in (n * perImage)..<((n + 1) * perImage) { dx[Int(argmax[i])] += dy[i] }
            }
        }
    }

    /// Average pooling forward (backward = false) or its adjoint (backward = true, accumulating).
    /// forward: x [N, H, W, C] -> y [N, Ho, Wo, C]; backward: dy [N, Ho, Wo, C] -> dx [N, H, W, C].
    public static func avgPool(_ g: WindowGeometry, backward: Bool,
                               input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let c = g.channels
        Parallel.forEach(g.batch, costPerItem: g.outHeight * g.outWidth * c * g.kernelHeight * g.kernelWidth) { range in
            for n in range {
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        let y0 = max(oh * g.strideY - g.padTop, 0)
                        let y1 = min(oh * g.strideY - g.padTop + g.kernelHeight, g.height)
                        let x0 = max(ow * g.strideX - g.padLeft, 0)
                        let x1 = min(ow * g.strideX - g.padLeft + g.kernelWidth, g.width)
                        let inv = 1 / Float(max((y1 - y0) * (x1 - x0), 1))
                        let o = ((n * g.outHeight + oh) * g.outWidth + ow) * c
                        if !backward { for ch in 0..<c { output[o + ch] = 0 } }
                        for iy in y0..<max(y1, y0) {
                            for ix in x0..<max(x1, x0) {
                                let base = ((n * g.height + iy) * g.width + ix) * c
                                if backward {
                                    for ch in 0..<c { output[base + ch] += input[o + ch] * inv }
                                } else {
                                    for ch in 0..<c { output[o + ch] += input[base + ch] * inv }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
