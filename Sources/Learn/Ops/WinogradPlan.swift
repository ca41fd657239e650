import Tensor

/// A convolution's products by Winograd's minimal filtering (`WinogradConvolution`), on the pieces of a batch. The
/// layer's workspace holds the forward's transformed kernel or, in the backward, one kernel-gradient sum per core
/// in the same floats (the kernel is transformed again at every forward), then one scratch area per core.
struct WinogradPlan {
    private let convolution: WinogradConvolution
    private let base: UnsafeMutablePointer<Float>

    /// The plan for this geometry and filter count, or nil where Winograd does not apply
    /// (`WinogradConvolution.applies`) and the convolution stays a product over its fields.
    init?(_ g: WindowGeometry, filters: Int, workspace: Workspace) {
        guard WinogradConvolution.applies(g, filters: filters) else { return nil }
        convolution = WinogradConvolution(g, filters: filters)
        let cores = Parallel.cores
        Ops.ensure(&workspace.winograd, shape: [cores * (convolution.kernelFloats + convolution.scratchFloats)])
        base = workspace.winograd.mutablePointer
    }

    private var kernel: UnsafeMutablePointer<Float> { base }
    private func sums(_ slot: Int) -> UnsafeMutablePointer<Float> { base + slot * convolution.kernelFloats }
    private func scratch(_ slot: Int) -> UnsafeMutablePointer<Float> {
        base + Parallel.cores * convolution.kernelFloats + slot * convolution.scratchFloats
    }

    /// Transforms the kernel [3, 3, C, F] for `convolve`: once per forward, before the pieces start.
    func prepareForward(kernel weights: UnsafePointer<Float>) {
        convolution.transformKernel(weights, into: kernel)
    }

    /// z[images, Ho, Wo, F] = the convolution of `images` images from x, on core `slot`.
    func convolve(_ x: UnsafePointer<Float>, images: Int, slot: Int, into z: UnsafeMutablePointer<Float>) {
        convolution.convolve(x, images: images, kernel: kernel, scratch: scratch(slot), into: z)
    }

    /// Adds the kernel gradient of `images` images from x and their output gradients dz to core `slot`'s sum
    /// (with `first`, starts it: the first block of a piece of the batch).
    func accumulateKernelGradient(_ x: UnsafePointer<Float>, images: Int, dz: UnsafePointer<Float>, slot: Int,
                                  first: Bool) {
        convolution.accumulateKernelGradient(x, images: images, dz: dz, scratch: scratch(slot), into: sums(slot),
                                             overwrite: first)
    }

    /// dKernel [3, 3, C, F] = core `slot`'s sum (overwritten).
    func finishKernelGradient(slot: Int, into dKernel: UnsafeMutablePointer<Float>) {
        convolution.finishKernelGradient(sums(slot), into: dKernel)
    }
}
