import Tensor

/// A convolution's products by Winograd's minimal filtering (`WinogradConvolution`), on the pieces of a batch. The
/// layer's workspace holds, in order: the forward's transformed kernel or, in the backward, one kernel-gradient sum
/// per core in the same floats (the kernel is transformed again at every forward); where the input gradient runs
/// this way too, its flipped kernel transformed and that kernel's scratch; then one scratch area per core.
/// Forward and backward lay it out alike, so the buffer is sized once. Its functions stay out of line: inlined, they
/// grew the convolution ops past what escape analysis follows, and the ops' shape literals and tape records became
/// heap objects every batch (the allocation census: 24 → 39 per CNN batch).
struct WinogradPlan {
    /// The forward and the kernel gradient (nil: the product over the fields does them).
    private let convolution: WinogradConvolution?
    /// The input gradient as a convolution of dz (nil: dz · kernelᵀ over the fields).
    private let inputGradient: WinogradConvolution?
    private let base: UnsafeMutablePointer<Float>
    private let kernelFloats: Int, scratchFloats: Int

    /// The plan for this geometry and filter count, with the input gradient's part when `inputGradient` (the
    /// layer's input needs a gradient: the same in its forward and backward); nil where neither part applies.
    @inline(never)
    init?(_ g: WindowGeometry, filters: Int, inputGradient wanted: Bool, workspace: Workspace) {
        convolution = WinogradConvolution.applies(g, filters: filters) ? WinogradConvolution(g, filters: filters) : nil
        inputGradient = wanted && WinogradConvolution.appliesToInputGradient(g, filters: filters)
            ? WinogradConvolution.inputGradient(of: g, filters: filters) : nil
        guard let any = convolution ?? inputGradient else { return nil }
        // C·F pairs and C + F channels either way round: one size fits both parts
        let kernelFloats = any.kernelFloats, scratchFloats = any.scratchFloats
        (self.kernelFloats, self.scratchFloats) = (kernelFloats, scratchFloats)
        let inputPart = inputGradient.map { kernelFloats + $0.flippedKernelFloats } ?? 0
        let floats = Parallel.cores * (kernelFloats + scratchFloats) + inputPart
        // the shape's array only when the size changes: built every batch it was a heap object every batch
        if workspace.winograd.count != floats { Ops.ensure(&workspace.winograd, shape: [floats]) }
        base = workspace.winograd.mutablePointer
    }

    /// Whether the forward and the kernel gradient run this way.
    var convolves: Bool { convolution != nil }
    /// Whether the input gradient runs this way.
    var transposes: Bool { inputGradient != nil }

    private var kernel: UnsafeMutablePointer<Float> { base }
    private func sums(_ slot: Int) -> UnsafeMutablePointer<Float> { base + slot * kernelFloats }
    private var flippedKernel: UnsafeMutablePointer<Float> { base + Parallel.cores * kernelFloats }
    private var flippedScratch: UnsafeMutablePointer<Float> { flippedKernel + kernelFloats }
    private func scratch(_ slot: Int) -> UnsafeMutablePointer<Float> {
        let inputPart = inputGradient.map { kernelFloats + $0.flippedKernelFloats } ?? 0
        return base + Parallel.cores * kernelFloats + inputPart + slot * scratchFloats
    }

    /// Transforms the kernel [3, 3, C, F] for `convolve`: once per forward, before the pieces start.
    @inline(never)
    func prepareForward(kernel weights: UnsafePointer<Float>) {
        convolution?.transformKernel(weights, into: kernel)
    }

    /// z[images, Ho, Wo, F] = the convolution of `images` images from x, on core `slot`.
    @inline(never)
    func convolve(_ x: UnsafePointer<Float>, images: Int, slot: Int, into z: UnsafeMutablePointer<Float>) {
        convolution?.convolve(x, images: images, kernel: kernel, scratch: scratch(slot), into: z)
    }

    /// Adds the kernel gradient of `images` images from x and their output gradients dz to core `slot`'s sum
    /// (with `first`, starts it: the first block of a piece of the batch).
    @inline(never)
    func accumulateKernelGradient(_ x: UnsafePointer<Float>, images: Int, dz: UnsafePointer<Float>, slot: Int,
                                  first: Bool) {
        convolution?.accumulateKernelGradient(x, images: images, dz: dz, scratch: scratch(slot), into: sums(slot),
                                              overwrite: first)
    }

    /// dKernel [3, 3, C, F] = core `slot`'s sum (overwritten).
    @inline(never)
    func finishKernelGradient(slot: Int, into dKernel: UnsafeMutablePointer<Float>) {
        convolution?.finishKernelGradient(sums(slot), into: dKernel)
    }

    /// Transforms the flipped kernel for `addInputGradient`: once per backward, before the pieces start.
    @inline(never)
    func prepareInputGradient(kernel weights: UnsafePointer<Float>) {
        inputGradient?.transformFlippedKernel(weights, scratch: flippedScratch, into: flippedKernel)
    }

    /// dx[images, H, W, C] = (with `accumulate`, +=) the input gradient of `images` images' output gradients dz, on
    /// core `slot`.
    @inline(never)
    func addInputGradient(_ dz: UnsafePointer<Float>, images: Int, slot: Int, into dx: UnsafeMutablePointer<Float>,
                          accumulate: Bool) {
        inputGradient?.convolve(dz, images: images, kernel: flippedKernel, scratch: scratch(slot), into: dx,
                                accumulate: accumulate)
    }
}
