import Tensor

/// What a convolution's backward does with a block of images once it has their output gradient dz: the kernel
/// gradient's terms (into the piece's partial) and the input gradient, each by Winograd's transforms where the layer's
/// `WinogradPlan` runs it, else by products over the block's unfolded fields, which are then unfolded only when a
/// product still reads them. Shared by `conv2d` and `conv2dMaxPool2x2`, whose backward passes differ in how they get
/// dz.
struct ConvBlockGradients {
    private let g: WindowGeometry, layout: PatchLayout, kernel: UnsafePointer<Float>, filters: Int
    private let winograd: WinogradPlan?
    private let dx: (pointer: UnsafeMutablePointer<Float>, first: Bool)?
    private let kernelGradient: Bool, kernelByWinograd: Bool, inputByWinograd: Bool

    /// For a layer of geometry `g` (its whole batch) and `filters` filters; `kernelGradient`: whether the kernel
    /// needs one; dx: x's gradient, if it needs one (and whether this pass writes it first). Transforms the flipped
    /// kernel for the input gradient, so it is made once per backward, before the pieces start.
    init(_ g: WindowGeometry, layout: PatchLayout, kernel: UnsafePointer<Float>, filters: Int, kernelGradient: Bool,
         dx: (pointer: UnsafeMutablePointer<Float>, first: Bool)?, workspace: Workspace) {
        (self.g, self.layout, self.kernel, self.filters, self.kernelGradient, self.dx) =
            (g, layout, kernel, filters, kernelGradient, dx)
        winograd = WinogradPlan(g, filters: filters, inputGradient: dx != nil, workspace: workspace)
        kernelByWinograd = kernelGradient && winograd?.convolves == true
        inputByWinograd = dx != nil && winograd?.transposes == true
        if inputByWinograd { winograd?.prepareInputGradient(kernel: kernel) }
    }

    /// Adds the terms of the block of `count` images from `start` (x: the batch's first image; dz: the block's) on
    /// core `slot`: the kernel gradient's into `dw` (or the core's Winograd sum; `first`: the piece's first block
    /// starts it), dx's into the block's images. `cols`: the core's space for unfolded fields.
    @inline(never)
    func add(x: UnsafePointer<Float>, dz: UnsafePointer<Float>, start: Int, count: Int, slot: Int, first: Bool,
             cols: UnsafeMutablePointer<Float>, into dw: UnsafeMutablePointer<Float>) {
        let images = x + start * g.imageSize
        let unfolds = (kernelGradient && !kernelByWinograd) || (dx != nil && !inputByWinograd)
        let patches = unfolds ? Patches(images, g.withBatch(count), layout: layout, into: cols) : nil
        if kernelByWinograd {  // dKernel[K, F] += colsᵀ[K, rows] · dz[rows, F]
            winograd?.accumulateKernelGradient(images, images: count, dz: dz, slot: slot, first: first)
        } else if kernelGradient {
            patches?.accumulateKernelGradient(dz, filters: filters, into: dw, overwrite: first)
        }
        guard let dx else { return }
        if inputByWinograd {  // dz by the flipped kernel
            winograd?.addInputGradient(dz, images: count, slot: slot, into: dx.pointer + start * g.imageSize,
                                       accumulate: !dx.first)
        } else {  // dz · kernelᵀ over the block's fields, scattered back into its images
            patches?.accumulateInputGradient(dz, kernel: kernel, filters: filters,
                                             into: dx.pointer + start * g.imageSize, overwrite: dx.first)
        }
    }

    /// dw = core `slot`'s Winograd sum of the kernel gradient, once its piece's blocks are all added (no-op when the
    /// products wrote dw directly).
    func finish(slot: Int, into dw: UnsafeMutablePointer<Float>) {
        if kernelByWinograd { winograd?.finishKernelGradient(slot: slot, into: dw) }
    }
}
