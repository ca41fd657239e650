import Tensor

// Convolution as blocked im2col + SGEMM. The batch is cut into pieces that each core takes as it
// comes free, and a piece is walked in blocks whose im2col matrix fits in a core's L2 cache:
// unfold a block, multiply, add bias and activation while the rows are still in cache. The columns are never stored for
// the whole batch; the backward pass unfolds each block again, which is cheaper than streaming
// a batch-sized column matrix through memory twice. Where Folio's kernel runs and no window reads
// padding, nothing is unfolded at all: the products read the fields in the image (`Patches`).

extension Ops {
    /// Target size of one block's im2col matrix (floats): half of this CPU's L2 (128k floats = 512 KB
    /// of a 1 MB L2). (A var so tests can force many small blocks.)
    static var convBlockFloats = System.l2CacheBytes / 2 / MemoryLayout<Float>.size

    /// 2-D convolution (cross-correlation, as Keras) with the activation fused as in `dense`.
    /// x: [N, H, W, C], kernel: [Kh, Kw, C, F], bias: [F] -> y: [N, Ho, Wo, F]
    // Not inlined into the layer: with both convolutions inlined in Conv2D.forward, the optimizer's escape analysis
    // gave up on that function and put every shape literal here on the heap (12 allocations per batch more).
    @inline(never)
    public static func conv2d(_ x: Variable, kernel: Variable, bias: Variable?, stride: (Int, Int), padding: Padding,
                              activation: Activation = .linear, alpha: Float = 0.2,
                              workspace: Workspace = Workspace(), into out: Variable? = nil,
                              tape: Tape?) throws -> Variable {
        guard x.value.rank == 4, kernel.value.rank == 4, x.shape[3] == kernel.shape[2] else {
            throw LearnError.shape("Conv2D: expected input [batch, height, width, "
                                   + "\(kernel.shape.count == 4 ? kernel.shape[2] : 0)], found \(x.shape)")
        }
        let g = try WindowGeometry(batch: x.shape[0], height: x.shape[1], width: x.shape[2], channels: x.shape[3],
                                   kernel: (kernel.shape[0], kernel.shape[1]), stride: stride, padding: padding)
        let f = kernel.shape[3], kk = g.patchSize, positions = g.outHeight * g.outWidth
        let needsGrad = x.requiresGrad || kernel.requiresGrad || bias?.requiresGrad == true
        let y = prepare(out, shape: [g.batch, g.outHeight, g.outWidth, f], requiresGrad: needsGrad)
        // A block's fields (unless read in place) and its output rows stay in L2 between the product and the
        // activation.
        let layout = PatchLayout(g, filters: f), stored = layout.storedFloats(perPositionOf: g)
        let block = max(1, min(g.batch, convBlockFloats / max(positions * (stored == 0 ? f : stored), 1)))
        ensure(&workspace.a, shape: [Parallel.cores, block * positions * stored])  // per-core im2col block
        let z = productTarget(activation, y, workspace, count: g.batch * positions * f)
        let xp = x.value.pointer, w = kernel.value.pointer, colsBase = workspace.a.mutablePointer
        let yOut = y.value.mutablePointer  // taken before the workers start: no copy-on-write check inside them
        let pieces = convPieces(batch: g.batch, positions: positions)
        let winograd = WinogradPlan(g, filters: f, inputGradient: x.requiresGrad, workspace: workspace)
        winograd?.prepareForward(kernel: w)
        Parallel.forEachPiece(g.batch, pieces: pieces, costPerItem: positions * kk * f) { slot, _, images in
            let cols = colsBase + slot * block * positions * stored
            for start in Swift.stride(from: images.lowerBound, to: images.upperBound, by: block) {
                let count = min(block, images.upperBound - start), rows = count * positions
                let zRows = z + start * positions * f
                // z[rows, F] = cols[rows, K] · kernel[K, F]
                if let winograd, winograd.convolves {
                    winograd.convolve(xp + start * g.imageSize, images: count, slot: slot, into: zRows)
                } else {
                    Patches(xp + start * g.imageSize, g.withBatch(count), layout: layout, into: cols)
                        .convolve(w, filters: f, into: zRows)
                }
                biasAndActivation(zRows, bias: bias, activation, alpha: alpha, rows: rows, cols: f,
                                  into: yOut + start * positions * f)
            }
        }
        guard let tape else { return y }
        tape.record(x, kernel, bias, output: y) { tape in
            guard let dy = y.incomingGrad(tape) else { return }
            convBackward(x: x, kernel: kernel, bias: bias, y: y, dy: dy, g: g, layout: layout, block: block,
                         activation: activation, alpha: alpha, workspace: workspace, tape: tape)
        }
        return y
    }

    /// Per piece of the batch (see `convPieces`), block by block: dz = dy ⊙ f', dKernel_piece (+)= colsᵀ·dz,
    /// dBias_piece += Σ dz, and dx (the block's images) = col2im(dz · kernelᵀ); then the pieces' kernel and
    /// bias gradients are summed in piece order. Where `WinogradPlan` applies, the kernel gradient and dx (dz by the
    /// flipped kernel) run by Winograd's transforms instead, and the fields are not unfolded at all.
    @inline(never)  // out of the tape record's closure, for the same reason as WinogradPlan's functions
    private static func convBackward(x: Variable, kernel: Variable, bias: Variable?, y: Variable,
                                     dy: UnsafePointer<Float>,
                                     g: WindowGeometry, layout: PatchLayout, block: Int, activation: Activation,
                                     alpha: Float, workspace: Workspace, tape: Tape) {
        let f = kernel.shape[3], kk = g.patchSize, positions = g.outHeight * g.outWidth
        let stored = layout.storedFloats(perPositionOf: g), partialFloats = kk * f + f
        let pieces = convPieces(batch: g.batch, positions: positions)
        ensure(&workspace.c, rows: pieces, columns: partialFloats)  // per-piece partial kernel and bias gradients
        let partials = workspace.c.mutablePointer
        let dx: (pointer: UnsafeMutablePointer<Float>, first: Bool)? = x.requiresGrad ? x.writableGrad(tape) : nil
        let dz = y.grad.mutablePointer, yp = y.value.pointer, zp = workspace.b.pointer
        let xp = x.value.pointer, w = kernel.value.pointer, colsBase = workspace.a.mutablePointer
        let gradients = ConvBlockGradients(g, layout: layout, kernel: w, filters: f,
                                           kernelGradient: kernel.requiresGrad, dx: dx, workspace: workspace)
        Parallel.forEachPiece(g.batch, pieces: pieces, costPerItem: 3 * positions * kk * f) { slot, piece, images in
            let cols = colsBase + slot * block * positions * stored
            let dw = partials + piece * partialFloats, db = dw + kk * f
            db.update(repeating: 0, count: f)  // the kernel's part is overwritten by the first block's product
            for start in Swift.stride(from: images.lowerBound, to: images.upperBound, by: block) {
                let count = min(block, images.upperBound - start), rows = count * positions
                let offset = start * positions * f, dzRows = dz + offset
                if activation != .linear {  // dz = dy ⊙ f'(z), in place in y.grad (nothing else reads it)
                    activation.scaleByDerivative(x: zp + offset, y: yp + offset, grad: dzRows, count: rows * f,
                                                 alpha: alpha)
                }
                Kernels.accumulateColumnSums(dzRows, rows: rows, cols: f, into: db)
                gradients.add(x: xp, dz: dzRows, start: start, count: count, slot: slot,
                              first: start == images.lowerBound, cols: cols, into: dw)
            }
            gradients.finish(slot: slot, into: dw)
        }
        sumPartials(partials, pieces: pieces, kernel: kernel, bias: bias, count: kk * f, filters: f, tape: tape)
    }
}
