import CKernels

/// A 3×3, stride-1 convolution's forward product and input gradient by Winograd's F(4×4, 3×3) and its kernel
/// gradient by F(3×3, 4×4) (winograd_convolution.c): 36 multiply-adds per 4×4 outputs and channel pair where the
/// product over the unfolded fields takes 144.
/// Used only where it saves at least a third of the multiply-adds, and only on Folio's kernels: with
/// `Gemm.kernel = .openBLAS` a convolution stays the plain product, the reference the tests compare with.
public struct WinogradConvolution {
    /// The convolution's sizes: input [.., height, width, channels] padded by (padTop, padLeft), output
    /// [.., outHeight, outWidth, filters]. A layer's forward has its own; its input gradient is the convolution of
    /// dz by the flipped kernel (`inputGradient(of:filters:)`), with the two sizes swapped.
    public let height: Int, width: Int, channels: Int, padTop: Int, padLeft: Int
    public let outHeight: Int, outWidth: Int, filters: Int

    /// Off: every convolution is a product over its fields (tests compare the two; benches measure the gain).
    nonisolated(unsafe) public static var enabled = true

    /// Largest transformed kernel (36·C·F floats): 4 MiB. The kernel gradient's sums, that size, pass through the
    /// cache once per group of tiles; on Zen 3 the gradient ran 2.1× faster than the product at 128 × 128
    /// channels (2.3 MiB) but 9 % slower at 256 × 256 (9.4 MiB). It also bounds the memory a layer adds.
    public static let largestKernelFloats = 1 << 20

    /// Whether the convolution of `g` with `filters` filters runs this way (its forward and kernel gradient): 3×3
    /// taps, stride 1, and `worthwhile` for its sizes.
    public static func applies(_ g: WindowGeometry, filters: Int) -> Bool {
        isThreeByThree(g) && worthwhile(channels: g.channels, filters: filters, outHeight: g.outHeight,
                                        outWidth: g.outWidth, productPositions: g.outHeight * g.outWidth)
    }

    /// Whether the input gradient of `g`'s convolution runs this way: a 3×3, stride-1 window padded by at most 2
    /// (the full correlation's padding is 2 less), `worthwhile` with dz's F as its channels and x's C as its
    /// filters, tiles over x's size, against the product dz · kernelᵀ, which takes Ho·Wo·9 multiply-adds per
    /// channel pair (on a 3×3 output, a 5×5 input gradient's four tiles would take 144 for its 81).
    public static func appliesToInputGradient(_ g: WindowGeometry, filters: Int) -> Bool {
        isThreeByThree(g) && g.padTop <= 2 && g.padLeft <= 2
            && worthwhile(channels: filters, filters: g.channels, outHeight: g.height, outWidth: g.width,
                          productPositions: g.outHeight * g.outWidth)
    }

    private static func isThreeByThree(_ g: WindowGeometry) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideX == 1 && g.strideY == 1
    }

    /// At least 16 channels (fewer make the 36 products too short to run at the SGEMM's rate), filters a multiple
    /// of 16 (the products' vectors), a transformed kernel within `largestKernelFloats`, Folio's kernels (with
    /// `Gemm.kernel = .openBLAS` a convolution stays the plain product, the reference the tests compare with), and
    /// 4×4 tiles that cover the output with little enough waste to save a third of the multiply-adds of the
    /// product over `productPositions` positions (a 2×2 output needs one tile, the same work as the product).
    private static func worthwhile(channels: Int, filters: Int, outHeight: Int, outWidth: Int,
                                   productPositions: Int) -> Bool {
        guard enabled, Gemm.kernel == .folio, channels >= 16, filters > 0, filters % 16 == 0,
              Int(folio_winograd_kernel_floats(channels, filters)) <= largestKernelFloats else { return false }
        let tiles = ((outHeight + 3) / 4) * ((outWidth + 3) / 4)
        return tiles * 36 * 3 <= productPositions * 9 * 2
    }

    /// The forward convolution of `g` with `filters` filters.
    public init(_ g: WindowGeometry, filters: Int) {
        self.init(height: g.height, width: g.width, channels: g.channels, padTop: g.padTop, padLeft: g.padLeft,
                  outHeight: g.outHeight, outWidth: g.outWidth, filters: filters)
    }

    private init(height: Int, width: Int, channels: Int, padTop: Int, padLeft: Int, outHeight: Int, outWidth: Int,
                 filters: Int) {
        self.height = height; self.width = width; self.channels = channels
        self.padTop = padTop; self.padLeft = padLeft
        self.outHeight = outHeight; self.outWidth = outWidth; self.filters = filters
    }

    /// The input gradient of `g`'s convolution with `filters` filters, as a convolution: dx[n, y, x, c] =
    /// Σ_{a, b, f} dz[n, y + a − (2 − padTop), x + b − (2 − padLeft), f] · kernel[2 − a, 2 − b, c, f].
    public static func inputGradient(of g: WindowGeometry, filters: Int) -> WinogradConvolution {
        WinogradConvolution(height: g.outHeight, width: g.outWidth, channels: filters, padTop: 2 - g.padTop,
                            padLeft: 2 - g.padLeft, outHeight: g.height, outWidth: g.width, filters: g.channels)
    }

    /// Floats of the transformed kernel (`transformKernel`'s output), and of a kernel gradient's sum.
    public var kernelFloats: Int { Int(folio_winograd_kernel_floats(channels, filters)) }
    /// Floats of scratch one thread needs while it convolves.
    public var scratchFloats: Int { Int(folio_winograd_scratch_floats(channels, filters)) }
    /// Floats of scratch `transformFlippedKernel` needs.
    public var flippedKernelFloats: Int { 9 * channels * filters }

    /// u = the kernel [3, 3, C, F] transformed, once per weights (`kernelFloats` floats).
    public func transformKernel(_ kernel: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>) {
        folio_winograd_kernel_transform(kernel, channels, filters, u)
    }

    /// For an input gradient (`inputGradient(of:filters:)`): u = its kernel transformed, from the forward's kernel
    /// [3, 3, filters, channels] (its C is this convolution's filters), through `flipped`
    /// (`flippedKernelFloats`).
    public func transformFlippedKernel(_ kernel: UnsafePointer<Float>, scratch flipped: UnsafeMutablePointer<Float>,
                                       into u: UnsafeMutablePointer<Float>) {
        folio_winograd_flipped_kernel_transform(kernel, filters, channels, flipped, u)
    }

    /// z[images, Ho, Wo, F] = (with `accumulate`, +=) the convolution of `images` images of x [.., H, W, C]
    /// starting at `x`; `scratch` is this thread's `scratchFloats`.
    public func convolve(_ x: UnsafePointer<Float>, images: Int, kernel u: UnsafePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, into z: UnsafeMutablePointer<Float>,
                         accumulate: Bool = false) {
        folio_winograd_convolve(x, images, height, width, channels, padTop, padLeft, outHeight, outWidth, u, filters,
                                accumulate ? 1 : 0, scratch, z)
    }

    /// sums [36, C, F] += (with `overwrite`, =) the kernel gradient's terms of `images` images of x and their
    /// output gradients dz [images, Ho, Wo, F], in the transformed domain.
    public func accumulateKernelGradient(_ x: UnsafePointer<Float>, images: Int, dz: UnsafePointer<Float>,
                                         scratch: UnsafeMutablePointer<Float>, into sums: UnsafeMutablePointer<Float>,
                                         overwrite: Bool) {
        folio_winograd_gradient_accumulate(x, images, height, width, channels, padTop, padLeft, outHeight, outWidth,
                                           dz, filters, overwrite ? 1 : 0, scratch, sums)
    }

    /// dKernel [3, 3, C, F] = the kernel gradient `sums` holds (overwritten).
    public func finishKernelGradient(_ sums: UnsafePointer<Float>, into dKernel: UnsafeMutablePointer<Float>) {
        folio_winograd_gradient_finish(sums, channels, filters, dKernel)
    }
}
