import Tensor

/// Rearrangements between PyTorch's weight layouts and Folio's (which are Keras's).
enum Layout {
    /// A matrix [a, b] as [b, a]: PyTorch's Linear weight [out, in] is Folio's Dense kernel [in, out].
    static func transposed(_ t: Tensor) -> Tensor {
        let rows = t.shape[0], cols = t.shape[1]
        var out = Tensor(zeros: [cols, rows])
        let src = t.pointer, dst = out.mutablePointer
        for r in 0..<rows { for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] } }
        return out
    }

    /// The shape `transposed` gives for a PyTorch Conv2d weight [O, I, kh, kw]: [kh, kw, I, O].
    static func convKernelShape(fromPyTorch s: [Int]) -> [Int] { [s[2], s[3], s[1], s[0]] }

    /// PyTorch's Conv2d weight [O, I, kh, kw] as Folio's Conv2D kernel [kh, kw, I, O].
    static func convKernel(fromPyTorch t: Tensor) -> Tensor {
        let (o, i, kh, kw) = (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
        var out = Tensor(zeros: convKernelShape(fromPyTorch: t.shape))
        let src = t.pointer, dst = out.mutablePointer
        for a in 0..<o { for b in 0..<i { for y in 0..<kh { for x in 0..<kw {
            dst[((y * kw + x) * i + b) * o + a] = src[((a * i + b) * kh + y) * kw + x]
        } } } }
        return out
    }

    /// A Dense kernel [H·W·C, U] whose rows follow PyTorch's flatten order (c, h, w) — it read a
    /// flattened NCHW tensor — with its rows put in Folio's (h, w, c) order (Flatten of NHWC).
    static func flattenRowsToHWC(_ k: Tensor, image: [Int]) -> Tensor {
        let (h, w, c) = (image[0], image[1], image[2]), units = k.shape[1]
        var out = Tensor(zeros: k.shape)
        let src = k.pointer, dst = out.mutablePointer
        for y in 0..<h { for x in 0..<w { for ch in 0..<c {
            (dst + ((y * w + x) * c + ch) * units).update(from: src + ((ch * h + y) * w + x) * units, count: units)
        } } }
        return out
    }

    /// A PyTorch recurrent weight [g·U, X] (g gate blocks of U rows) as Folio's kernel [X, g·U],
    /// Folio's gate block j taken from PyTorch's block `order[j]`.
    static func gateKernel(_ w: Tensor, order: [Int], units: Int) -> Tensor {
        let width = order.count * units, inputs = w.shape[1]
        var out = Tensor(zeros: [inputs, width])
        let src = w.pointer, dst = out.mutablePointer
        for (j, block) in order.enumerated() {
            for u in 0..<units {
                for x in 0..<inputs { dst[x * width + j * units + u] = src[(block * units + u) * inputs + x] }
            }
        }
        return out
    }

    /// A PyTorch gate vector [g·U] with its blocks in Folio's order.
    static func gateVector(_ b: Tensor, order: [Int], units: Int) -> [Float] {
        order.flatMap { block in (0..<units).map { b[flat: block * units + $0] } }
    }

    /// Whether `source` can be read as `target` by merging neighbouring axes without moving any
    /// value (Keras's attention kernel [F, H, D] as [F, H·D]; a table [1, T, F] as [T, F]): the
    /// running products of `target`'s sizes must all be running products of `source`'s.
    static func regroups(_ source: [Int], to target: [Int]) -> Bool {
        func runningProducts(_ s: [Int]) -> [Int] { s.reduce(into: []) { $0.append(($0.last ?? 1) * $1) } }
        let from = runningProducts(source), to = runningProducts(target)
        return (from.last ?? 1) == (to.last ?? 1) && Set(to).isSubset(of: Set(from))
    }
}
