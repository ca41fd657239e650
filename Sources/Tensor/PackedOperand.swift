import CKernels

/// The right operand of many products, packed once into the layout the matrix kernel reads.
/// A recurrent layer multiplies every step's hidden state by the same recurrent kernel; packing
/// it once per sequence instead of once per step saves a copy of the whole kernel per step.
/// With OpenBLAS (a CPU with neither AVX-512 nor AVX2) nothing is packed and the products go through
/// `Gemm.multiply`.
public final class PackedOperand {
    private var buffer: UnsafeMutableRawPointer?
    private var capacity = 0  // floats
    private var source: UnsafePointer<Float>?
    private var transposed = false
    private var k = 0, n = 0
    private var usesFolioKernel = false
    /// The vector width of the kernels the buffer was packed for: the AVX-512 and AVX2 kernels read different
    /// layouts, so a buffer packed before a switch of `Gemm.Setting` is not read after it.
    private var packedForBits: Int32 = 0

    public init() {}

    /// Packs op(B) [k, n] (B stored [n, k] when `transposeB`). Pack again whenever B changes;
    /// B itself must stay alive and unchanged while products run (the OpenBLAS path reads it).
    public func pack(_ b: UnsafePointer<Float>, transposeB: Bool = false, k: Int, n: Int) {
        source = b; transposed = transposeB; self.k = k; self.n = n
        usesFolioKernel = Gemm.kernel == .folio
        packedForBits = folio_gemm_isa()
        guard usesFolioKernel, k > 0, n > 0 else { return }
        let needed = folio_sgemm_packed_b_size(k, n)
        if needed > capacity {
            buffer?.deallocate()
            buffer = UnsafeMutableRawPointer.allocate(byteCount: needed * MemoryLayout<Float>.stride, alignment: 64)
            capacity = needed
        }
        folio_sgemm_pack_b(transposeB ? 1 : 0, k, n, b, transposeB ? k : n, buffer!.assumingMemoryBound(to: Float.self))
    }

    /// C[m, n] = alpha·op(A)·op(B) + beta·C with op(A) [m, k] (A stored [k, m] when
    /// `transposeA`). Runs on the calling thread; several threads may use one packed operand at
    /// once on disjoint parts of C.
    public func multiply(_ a: UnsafePointer<Float>, transposeA: Bool = false, into c: UnsafeMutablePointer<Float>,
                         m: Int, alpha: Float = 1, beta: Float = 0) {
        guard let source else { preconditionFailure("PackedOperand.multiply before pack") }
        guard usesFolioKernel, packedForBits == folio_gemm_isa(), k > 0, n > 0, m > 0 else {
            Gemm.multiply(a, transposeA: transposeA, source, transposeB: transposed, into: c,
                          m: m, n: n, k: k, alpha: alpha, beta: beta)
            return
        }
        folio_sgemm_with_packed_b(transposeA ? 1 : 0, m, n, k, alpha, a, transposeA ? m : k,
                                  buffer!.assumingMemoryBound(to: Float.self), beta, c, n)
    }

    deinit { buffer?.deallocate() }
}
