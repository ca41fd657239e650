import CKernels

// The receptive fields of a block of images, for the convolution's three products with its kernel.
// Where Folio's kernel runs and every window lies inside the image, they are not unfolded at all: the
// products read each field where it lies in the image (folio_gemm_conv.c), which saves writing and reading
// a copy about Kh·Kw times the image's size per product. Otherwise they are unfolded: usually as im2col's rows,
// [positions, Kh·Kw·C]; with one input channel (the first layer on grayscale digits) transposed,
// [Kh·Kw, positions]: each tap's values along a row of outputs are then adjacent pixels of one image row, so
// the unfolding is a few long copies instead of one copy of Kw floats per output position, and the products
// read the transposed operand in place.

/// How `Patches` holds a block's receptive fields.
public enum PatchLayout: Sendable {
    /// [positions, patch]: im2col's layout.
    case rows
    /// [patch, positions]: one row per kernel tap.
    case columns
    /// Not unfolded: read in the image by the products.
    case inPlace

    /// The layout for a geometry and filter count: in place where folio_conv_gemm_applies, else columns for a
    /// single input channel, else rows.
    public init(_ g: WindowGeometry, filters: Int) {
        var window = g.cWindow
        if g.channels == 1 {
            self = .columns
        } else if Gemm.kernel == .folio, folio_conv_gemm_applies(&window, filters) != 0 {
            self = .inPlace
        } else {
            self = .rows
        }
    }

    /// Floats `Patches` stores per output position: the whole field, or nothing in place.
    public func storedFloats(perPositionOf g: WindowGeometry) -> Int { self == .inPlace ? 0 : g.patchSize }
}

/// A block's receptive fields and the three products the convolution takes of them.
public struct Patches {
    public let layout: PatchLayout
    /// The unfolded fields (unused in place).
    public let storage: UnsafeMutablePointer<Float>
    /// Output positions (rows of the convolution's output) and floats per receptive field.
    public let positions: Int, patchSize: Int
    private let images: UnsafePointer<Float>, geometry: WindowGeometry

    /// The fields of x: [N, H, W, C] (N = g.batch) for a kernel of `filters` outputs, unfolded into `storage`
    /// (N·Ho·Wo·Kh·Kw·C floats) unless the layout is in place; x must outlive the products.
    public init(_ x: UnsafePointer<Float>, _ g: WindowGeometry, filters: Int,
                into storage: UnsafeMutablePointer<Float>) {
        self.init(x, g, layout: PatchLayout(g, filters: filters), into: storage)
    }

    /// The same with the layout given: a convolution's backward passes the one its forward chose (and sized its
    /// workspace for), so that switching the product kernel in between cannot change it.
    public init(_ x: UnsafePointer<Float>, _ g: WindowGeometry, layout: PatchLayout,
                into storage: UnsafeMutablePointer<Float>) {
        self.layout = layout
        self.storage = storage
        images = x
        geometry = g
        positions = g.outputPositions
        patchSize = g.patchSize
        switch layout {
        case .rows: Kernels.im2col(x, g, into: storage)
        case .columns: Kernels.im2colColumns(x, g, into: storage)
        case .inPlace: break
        }
    }

    /// z[positions, F] = patches · kernel[patch, F].
    public func convolve(_ kernel: UnsafePointer<Float>, filters: Int, into z: UnsafeMutablePointer<Float>) {
        guard layout != .inPlace else {
            var window = geometry.cWindow
            folio_conv_gemm_forward(images, geometry.batch, &window, kernel, filters, z)
            return
        }
        Gemm.multiply(storage, transposeA: layout == .columns, kernel, into: z, m: positions, n: filters, k: patchSize)
    }

    /// dKernel[patch, F] += patchesᵀ · dz[positions, F]; with `overwrite`, dKernel = the product (a
    /// fresh partial sum needs no clearing first).
    public func accumulateKernelGradient(_ dz: UnsafePointer<Float>, filters: Int,
                                         into dKernel: UnsafeMutablePointer<Float>, overwrite: Bool = false) {
        guard layout != .inPlace else {
            var window = geometry.cWindow
            folio_conv_gemm_kernel_grad(images, geometry.batch, &window, dz, filters, dKernel, overwrite ? 1 : 0)
            return
        }
        Gemm.multiply(storage, transposeA: layout == .rows, dz, into: dKernel, m: patchSize, n: filters, k: positions,
                      beta: overwrite ? 0 : 1)
    }

    /// dx[N, H, W, C] += the fields' share of dz · kernelᵀ (each field's gradient scattered back onto its
    /// pixels; dx cleared first with `overwrite`). Unfolded, the [positions, patch] product goes through
    /// `storage`, so call this after the kernel gradient, which reads the fields stored there.
    public func accumulateInputGradient(_ dz: UnsafePointer<Float>, kernel: UnsafePointer<Float>, filters: Int,
                                        into dx: UnsafeMutablePointer<Float>, overwrite: Bool) {
        guard layout != .inPlace else {
            var window = geometry.cWindow
            folio_conv_gemm_input_grad(dz, geometry.batch, &window, kernel, filters, dx, overwrite ? 1 : 0)
            return
        }
        Gemm.multiply(dz, kernel, transposeB: true, into: storage, m: positions, n: patchSize, k: filters)
        Kernels.col2im(storage, geometry, accumulateInto: dx, overwrite: overwrite)
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
