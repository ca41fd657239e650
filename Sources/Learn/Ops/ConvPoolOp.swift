import CKernels
import Tensor

// Convolution (+ relu) fused with the 2×2 max pooling that follows it, as in most small CNNs.
// Per piece of the batch the convolution's output lives only in a per-core L2-sized buffer: it is
// pooled at once, keeping the pooled values and which tap won. The backward rebuilds the
// block's output gradient from the pooled gradient and those codes (relu's slope is "pooled
// value > 0"), so the large full-resolution activation and its gradient never touch memory.
// A deliberate parallel of ConvolutionOp.swift: the loop over pieces and the per-piece gradient sums
// have the same shape there, but each step here works on pooled values and codes instead of the output.

extension Ops {
    /// maxPool2x2(f(conv(x, kernel) + bias)) with f linear or relu.
    /// x: [N, H, W, C], kernel: [Kh, Kw, C, F], bias: [F] -> y: [N, ⌊Ho/2⌋, ⌊Wo/2⌋, F]
    // Not inlined into the layer: with both convolutions inlined in Conv2D.forward, the optimizer's escape analysis
    // gave up on that function and put every shape literal here on the heap (12 allocations per batch more).
    @inline(never)
    public static func conv2dMaxPool2x2(_ x: Variable, kernel: Variable, bias: Variable?, stride: (Int, Int),
                                        padding: Padding,
                                        activation: Activation, workspace: Workspace = Workspace(),
                                        into out: Variable? = nil, tape: Tape?) throws -> Variable {
        guard activation == .relu || activation == .linear else {
            throw LearnError.invalidArgument("conv2dMaxPool2x2 fuses only relu or linear activations, "
                                             + "found \(activation)")
        }
        guard x.value.rank == 4, kernel.value.rank == 4, x.shape[3] == kernel.shape[2] else {
            throw LearnError.shape("Conv2D: expected input [batch, height, width, "
                                   + "\(kernel.shape.count == 4 ? kernel.shape[2] : 0)], found \(x.shape)")
        }
        let g = try WindowGeometry(batch: x.shape[0], height: x.shape[1], width: x.shape[2], channels: x.shape[3],
                                   kernel: (kernel.shape[0], kernel.shape[1]), stride: stride, padding: padding)
        let f = kernel.shape[3], kk = g.patchSize, positions = g.outHeight * g.outWidth
        let pool = try WindowGeometry(batch: g.batch, height: g.outHeight, width: g.outWidth, channels: f,
                                      kernel: (2, 2), stride: (2, 2), padding: .valid)
        let pooled = pool.outHeight * pool.outWidth * f
        let needsGrad = x.requiresGrad || kernel.requiresGrad || bias?.requiresGrad == true
        let y = prepare(out, shape: [g.batch, pool.outHeight, pool.outWidth, f], requiresGrad: needsGrad)
        // The block's columns and its convolution output must both stay in L2: with few input
        // channels (the first layer: 9 columns, 32 filters) the output is the larger of the two.
        let layout = PatchLayout(g, filters: f), stored = layout.storedFloats(perPositionOf: g)  // 0: in place
        let block = max(1, min(g.batch, convBlockFloats / max(positions * (stored + f), 1)))
        ensure(&workspace.a, shape: [Parallel.cores, block * positions * stored])  // per-core im2col block
        ensure(&workspace.b, shape: [Parallel.cores, block * positions * f])   // per-core conv output block
        ensure(&workspace.d, shape: [g.batch * pooled])                          // winning taps
        let xp = x.value.pointer, w = kernel.value.pointer, yOut = y.value.mutablePointer,
            biasPointer = bias?.value.pointer
        let colsBase = workspace.a.mutablePointer, zBase = workspace.b.mutablePointer,
            codes = workspace.d.mutablePointer
        if directKernelApplies(g) {
            // One channel, no padding read: the direct kernel keeps each window's four outputs in
            // registers (per image, so the split cannot change a result).
            let pieces = convPieces(batch: g.batch, positions: positions)
            Parallel.forEachPiece(g.batch, pieces: pieces, costPerItem: positions * kk * f) { _, _, images in
                let first = images.lowerBound * pooled
                folio_conv1_max_pool_2x2(xp + images.lowerBound * g.imageSize, images.count, g.height, g.width,
                                         g.kernelHeight, g.kernelWidth, w, f, biasPointer,
                                         activation == .relu ? 1 : 0, pool.outHeight, pool.outWidth,
                                         yOut + first, codes + first)
            }
        } else {
            let pieces = convPieces(batch: g.batch, positions: positions)
            let winograd = WinogradPlan(g, filters: f, inputGradient: x.requiresGrad, workspace: workspace)
            winograd?.prepareForward(kernel: w)
            Parallel.forEachPiece(g.batch, pieces: pieces, costPerItem: positions * kk * f) { slot, _, images in
                let cols = colsBase + slot * block * positions * stored, z = zBase + slot * block * positions * f
                for start in Swift.stride(from: images.lowerBound, to: images.upperBound, by: block) {
                    let count = min(block, images.upperBound - start)
                    // z[rows, F] = cols · kernel
                    if let winograd, winograd.convolves {
                        winograd.convolve(xp + start * g.imageSize, images: count, slot: slot, into: z)
                    } else {
                        Patches(xp + start * g.imageSize, g.withBatch(count), layout: layout, into: cols)
                            .convolve(w, filters: f, into: z)
                    }
                    // y = f(max(z) + bias): bias and relu applied after pooling (they commute with max)
                    Kernels.maxPool2x2(z, pool.withBatch(count), bias: biasPointer, relu: activation == .relu,
                                       into: yOut + start * pooled, codes: codes + start * pooled)
                }
            }
        }
        guard let tape else { return y }
        tape.record(x, kernel, bias, output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            convPoolBackward(x: x, kernel: kernel, bias: bias, y: y, dy: dy, g: g, layout: layout, pool: pool,
                             block: block, positiveOnly: activation == .relu, workspace: workspace, tape: tape)
        }
        return y
    }

    /// Single-channel input, stride 1, no window reading padding, up to 7×7 taps (the backward keeps a sum per
    /// tap on the stack): the direct kernels of direct_convolution.c.
    private static func directKernelApplies(_ g: WindowGeometry) -> Bool {
        g.channels == 1 && g.strideX == 1 && g.strideY == 1 && g.windowsInsideImage && g.patchSize <= 49
    }

    /// Per piece of the batch (see `convPieces`), block by block: dz = unpool(dy) (masked by relu),
    /// dKernel_piece (+)= colsᵀ·dz, dBias_piece += Σ dz, dx(block) = col2im(dz · kernelᵀ); then the
    /// pieces' gradients are summed in piece order. Where `WinogradPlan` applies, the kernel gradient and dx run by
    /// Winograd's transforms instead (see `convBackward`).
    @inline(never)  // out of the tape record's closure, for the same reason as WinogradPlan's functions
    private static func convPoolBackward(x: Variable, kernel: Variable, bias: Variable?, y: Variable,
                                         dy: UnsafePointer<Float>,
                                         g: WindowGeometry, layout: PatchLayout, pool: WindowGeometry, block: Int,
                                         positiveOnly: Bool, workspace: Workspace, tape: Tape) {
        let f = kernel.shape[3], kk = g.patchSize, positions = g.outHeight * g.outWidth
        let stored = layout.storedFloats(perPositionOf: g), partialFloats = kk * f + f
        let pooled = pool.outHeight * pool.outWidth * f
        let dx: (pointer: UnsafeMutablePointer<Float>, first: Bool)? = x.requiresGrad ? x.writableGrad(tape) : nil
        let xp = x.value.pointer, w = kernel.value.pointer, yp = y.value.pointer, codes = workspace.d.pointer
        let colsBase = workspace.a.mutablePointer, zBase = workspace.b.mutablePointer
        if dx == nil, directKernelApplies(g) {
            // Kernel and bias gradients straight from the input, the pooled gradient and the codes.
            let pieces = convPieces(batch: g.batch, positions: positions)
            ensure(&workspace.c, rows: pieces, columns: partialFloats)
            let partials = workspace.c.mutablePointer
            Parallel.forEachPiece(g.batch, pieces: pieces, costPerItem: 2 * positions * kk * f) { _, piece, images in
                let dw = partials + piece * partialFloats, p = images.lowerBound * pooled
                dw.update(repeating: 0, count: partialFloats)
                folio_conv1_max_pool_2x2_backward(xp + images.lowerBound * g.imageSize, images.count, g.height,
                                                  g.width, g.kernelHeight, g.kernelWidth, f, positiveOnly ? 1 : 0,
                                                  pool.outHeight, pool.outWidth, yp + p, dy + p, codes + p,
                                                  dw, dw + kk * f)
            }
            sumPartials(partials, pieces: pieces, kernel: kernel, bias: bias, count: kk * f, filters: f, tape: tape)
            return
        }
        let pieces = convPieces(batch: g.batch, positions: positions)
        ensure(&workspace.c, rows: pieces, columns: partialFloats)
        let partials = workspace.c.mutablePointer
        let gradients = ConvBlockGradients(g, layout: layout, kernel: w, filters: f,
                                           kernelGradient: kernel.requiresGrad, dx: dx, workspace: workspace)
        Parallel.forEachPiece(g.batch, pieces: pieces, costPerItem: 3 * positions * kk * f) { slot, piece, images in
            let cols = colsBase + slot * block * positions * stored, dz = zBase + slot * block * positions * f
            let dw = partials + piece * partialFloats, db = dw + kk * f
            db.update(repeating: 0, count: f)  // the kernel's part is overwritten by the first block's product
            for start in Swift.stride(from: images.lowerBound, to: images.upperBound, by: block) {
                let count = min(block, images.upperBound - start), p = start * pooled
                // dz = unpool(dy) masked by relu; dBias_piece += Σ dz, summed over the pooled positions
                Kernels.maxPool2x2Backward(dy: dy + p, y: yp + p, codes: codes + p, pool.withBatch(count),
                                           positiveOnly: positiveOnly, into: dz, biasGradient: db)
                gradients.add(x: xp, dz: dz, start: start, count: count, slot: slot,
                              first: start == images.lowerBound, cols: cols, into: dw)
            }
            gradients.finish(slot: slot, into: dw)
        }
        sumPartials(partials, pieces: pieces, kernel: kernel, bias: bias, count: kk * f, filters: f, tape: tape)
    }

    /// kernel.grad (+)= Σ the pieces' partial kernel gradients, bias.grad += Σ their bias gradients, in
    /// piece order. partials: [pieces, count + filters], each row a kernel gradient then a bias gradient.
    /// Split by columns across the cores: each sum keeps its order, so the split cannot change it.
    static func sumPartials(_ partials: UnsafePointer<Float>, pieces: Int, kernel: Variable, bias: Variable?,
                            count: Int, filters: Int, tape: Tape) {
        let stride = count + filters
        if kernel.requiresGrad {
            let (dk, first) = kernel.writableGrad(tape)
            if pieces == 0 {  // an empty batch: nothing to add, but a first write still sets the gradient
                if first { dk.update(repeating: 0, count: count) }
                return sumBiasPartials()
            }
            Parallel.forEach(count, costPerItem: pieces) { columns in
                let to = dk + columns.lowerBound, from = partials + columns.lowerBound
                if first { Kernels.copy(from, into: to, count: columns.count) }
                for piece in (first ? 1 : 0)..<pieces {
                    Kernels.accumulate(from + piece * stride, into: to, count: columns.count)
                }
            }
        }
        sumBiasPartials()

        func sumBiasPartials() {
            guard let bias, bias.requiresGrad else { return }
            let db = bias.accumulableGrad(tape)
            for piece in 0..<pieces { Kernels.accumulate(partials + piece * stride + count, into: db, count: filters) }
        }
    }

    /// How many pieces a convolution's batch loop runs in (see `Parallel.forEachPiece`): at most 16, enough
    /// for a slowed core to hand most of its share over while the pieces' partial gradients stay a small part
    /// of the work, and each of at least ~512 output rows (`positions` per image), since a piece's kernel
    /// gradient is a product with k = its rows, written to a partial of its own. A piece runs in blocks that
    /// fit the per-core buffers. Depends on the shape only, never on the cores.
    static func convPieces(batch: Int, positions: Int) -> Int {
        let fewestRows = (512 + positions - 1) / max(positions, 1), spread = (batch + 15) / 16
        let images = max(1, fewestRows, spread)
        return (batch + images - 1) / images
    }
}
