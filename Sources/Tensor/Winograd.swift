import CKernels

/// A 3×3, stride-1 convolution's forward product by Winograd's F(4×4, 3×3) and its kernel gradient by F(3×3, 4×4)
/// (winograd_convolution.c): 36 multiply-adds per 4×4 outputs and channel pair where the product over the
/// unfolded fields takes 144.
/// Used only where it saves at least a third of the multiply-adds, and only on Folio's kernels: with
/// `Gemm.kernel = .openBLAS` a convolution stays the plain product, the reference the tests compare with.
public struct WinogradConvolution {
    public let geometry: WindowGeometry, filters: Int

    /// Off: every convolution is a product over its fields (tests compare the two; benches measure the gain).
    nonisolated(unsafe) public static var enabled = true

    /// Largest transformed kernel (36·C·F floats): 4 MiB. The kernel gradient's sums, that size, pass through the
    /// cache once per group of tiles; on Zen 3 the gradient ran 2.1× faster than the product at 128 × 128
    /// channels (2.3 MiB) but 9 % slower at 256 × 256 (9.4 MiB). It also bounds the memory a layer adds.
    public static let largestKernelFloats = 1 << 20

    /// Whether the convolution of `g` with `filters` filters runs this way: 3×3 taps, stride 1, at least 16
    /// channels (fewer make the 36 products too short to run at the SGEMM's rate), filters a multiple of 16 (the
    /// products' vectors), a transformed kernel within `largestKernelFloats`, and 4×4 tiles that cover the output
    /// with little enough waste to save a third of the multiply-adds (a 2×2 output needs one tile, the same work as
    /// the product).
    public static func applies(_ g: WindowGeometry, filters: Int) -> Bool {
        guard enabled, Gemm.kernel == .folio, g.kernelHeight == 3, g.kernelWidth == 3, g.strideX == 1, g.strideY == 1,
              g.channels >= 16, filters > 0, filters % 16 == 0,
              Int(folio_winograd_kernel_floats(g.channels, filters)) <= largestKernelFloats else { return false }
        let tiles = ((g.outHeight + 3) / 4) * ((g.outWidth + 3) / 4)
        return tiles * 36 * 3 <= g.outHeight * g.outWidth * 9 * 2
    }

    public init(_ g: WindowGeometry, filters: Int) {
        geometry = g
        self.filters = filters
    }

    /// Floats of the transformed kernel (`transformKernel`'s output), and of a kernel gradient's sum.
    public var kernelFloats: Int { Int(folio_winograd_kernel_floats(geometry.channels, filters)) }
    /// Floats of scratch one thread needs while it convolves.
    public var scratchFloats: Int { Int(folio_winograd_scratch_floats(geometry.channels, filters)) }

    /// u = the kernel [3, 3, C, F] transformed, once per weights (`kernelFloats` floats).
    public func transformKernel(_ kernel: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>) {
        folio_winograd_kernel_transform(kernel, geometry.channels, filters, u)
    }

    /// z[images, Ho, Wo, F] = the convolution of `images` images of x [.., H, W, C] starting at `x`, with the
    /// geometry's padding; `scratch` is this thread's `scratchFloats`.
    public func convolve(_ x: UnsafePointer<Float>, images: Int, kernel u: UnsafePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, into z: UnsafeMutablePointer<Float>) {
        let g = geometry
        folio_winograd_convolve(x, images, g.height, g.width, g.channels, g.padTop, g.padLeft, g.outHeight,
                                g.outWidth, u, filters, scratch, z)
    }

    /// sums [36, C, F] += (with `overwrite`, =) the kernel gradient's terms of `images` images of x and their
    /// output gradients dz [images, Ho, Wo, F], in the transformed domain.
    public func accumulateKernelGradient(_ x: UnsafePointer<Float>, images: Int, dz: UnsafePointer<Float>,
                                         scratch: UnsafeMutablePointer<Float>, into sums: UnsafeMutablePointer<Float>,
                                         overwrite: Bool) {
        let g = geometry
        folio_winograd_gradient_accumulate(x, images, g.height, g.width, g.channels, g.padTop, g.padLeft,
                                           g.outHeight, g.outWidth, dz, filters, overwrite ? 1 : 0, scratch, sums)
    }

    /// dKernel [3, 3, C, F] = the kernel gradient `sums` holds (overwritten).
    public func finishKernelGradient(_ sums: UnsafePointer<Float>, into dKernel: UnsafeMutablePointer<Float>) {
        folio_winograd_gradient_finish(sums, geometry.channels, filters, dKernel)
    }
}
