// The receptive fields of a block of images, unfolded for the convolution's two products with its
// kernel. Usually as im2col's rows, [positions, Kh·Kw·C]. With one input channel (the first layer on
// grayscale digits) they are stored transposed, [Kh·Kw, positions]: each tap's values along a row of
// outputs are then adjacent pixels of one image row, so the unfolding is a few long copies instead of
// one copy of Kw floats per output position, and the products read the transposed operand in place.

/// How `Patches` stores a block's receptive fields.
public enum PatchLayout: Sendable {
    /// [positions, patch]: im2col's layout.
    case rows
    /// [patch, positions]: one row per kernel tap.
    case columns

    /// The layout for a geometry: columns for a single input channel.
    public init(_ g: WindowGeometry) { self = g.channels == 1 ? .columns : .rows }
}

/// A block's unfolded receptive fields and the two products the convolution takes of them.
public struct Patches {
    public let layout: PatchLayout
    public let storage: UnsafeMutablePointer<Float>
    /// Output positions (rows of the convolution's output) and floats per receptive field.
    public let positions: Int, patchSize: Int

    /// Unfolds x: [N, H, W, C] (N = g.batch) into `storage` (N·Ho·Wo·Kh·Kw·C floats).
    public init(_ x: UnsafePointer<Float>, _ g: WindowGeometry, into storage: UnsafeMutablePointer<Float>) {
        layout = PatchLayout(g)
        self.storage = storage
        positions = g.outputPositions
        patchSize = g.patchSize
        switch layout {
        case .rows: Kernels.im2col(x, g, into: storage)
        case .columns: Kernels.im2colColumns(x, g, into: storage)
        }
    }

    /// z[positions, F] = patches · kernel[patch, F].
    public func convolve(_ kernel: UnsafePointer<Float>, filters: Int, into z: UnsafeMutablePointer<Float>) {
        Gemm.multiply(storage, transposeA: layout == .columns, kernel, into: z, m: positions, n: filters, k: patchSize)
    }

    /// dKernel[patch, F] += patchesᵀ · dz[positions, F].
    public func accumulateKernelGradient(_ dz: UnsafePointer<Float>, filters: Int,
                                         into dKernel: UnsafeMutablePointer<Float>) {
        Gemm.multiply(storage, transposeA: layout == .rows, dz, into: dKernel, m: patchSize, n: filters, k: positions,
                      beta: 1)
    }
}

extension Kernels {
    /// im2col transposed, for one input channel: x: [N, H, W, 1] -> cols: [Kh·Kw, N·Ho·Wo]; taps
    /// outside the image are zero.
    public static func im2colColumns(_ x: UnsafePointer<Float>, _ g: WindowGeometry,
                                     into cols: UnsafeMutablePointer<Float>) {
        precondition(g.channels == 1, "im2colColumns unfolds single-channel images")
        let total = g.outputPositions, wo = g.outWidth, sx = g.strideX
        Parallel.forEach(g.batch * g.outHeight, costPerItem: wo * g.patchSize) { range in
            for nOh in range {
                let n = nOh / g.outHeight, oh = nOh % g.outHeight
                let image = x + n * g.height * g.width
                for ky in 0..<g.kernelHeight {
                    let iy = oh * g.strideY - g.padTop + ky
                    for kx in 0..<g.kernelWidth {
                        let dst = cols + (ky * g.kernelWidth + kx) * total + nOh * wo
                        guard iy >= 0, iy < g.height else { dst.update(repeating: 0, count: wo); continue }
                        // Outputs whose tap lands inside the row: ow·sx − padLeft + kx in 0..<W.
                        let offset = kx - g.padLeft, src = image + iy * g.width
                        let low = offset >= 0 ? 0 : min(wo, (-offset + sx - 1) / sx)
                        let high = g.width - 1 - offset < 0 ? 0 : min(wo, (g.width - 1 - offset) / sx + 1)
                        if low >= high { dst.update(repeating: 0, count: wo); continue }
                        dst.update(repeating: 0, count: low)
                        if sx == 1 {
                            (dst + low).update(from: src + low + offset, count: high - low)
                        } else {
                            for ow in low..<high { dst[ow] = src[ow * sx + offset] }
                        }
                        (dst + high).update(repeating: 0, count: wo - high)
                    }
                }
            }
        }
    }
}
