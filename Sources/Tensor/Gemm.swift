import CBLAS
import CKernels

/// Matrix products. Transposes are flags, never copies.
///
/// Kernel: Folio's own AVX-512 SGEMM (Sources/CKernels/folio_gemm*.c) where the CPU has AVX-512,
/// OpenBLAS otherwise. The environment pins OpenBLAS to its AVX2 kernels (OPENBLAS_CORETYPE), and
/// on AVX-512 machines our kernel is about twice as fast on the engine's shapes
/// (scripts/bench-workloads/gemm).
///
/// Threading: the kernels run single-threaded and large products are split across cores here,
/// by rows of C (or columns when C is short and wide; weight gradients with a long k by halves of k,
/// GemmSplitK.swift), on Folio's worker pool. With OpenBLAS's own
/// pool the idle BLAS threads spin in sched_yield while our workers run the other kernels, and on a
/// 2-core machine that spinning cost a quarter of every training step.
public enum Gemm {
    static let configured: Bool = { openblas_set_num_threads(1); return true }()

    /// Which SGEMM runs the products.
    public enum Kernel: Sendable { case folio, openBLAS }

    /// The kernel in use: Folio's where the CPU supports it. Tests switch it to compare the two.
    nonisolated(unsafe) public static var kernel: Kernel = folioKernelAvailable ? .folio : .openBLAS

    /// Whether this CPU can run Folio's kernel (AVX-512F, enabled by the OS).
    public static let folioKernelAvailable = folio_gemm_available() != 0

    /// Products smaller than this many multiply-adds run on one core.
    public static var parallelThreshold = 1 << 19

    /// C[m, n] = alpha * op(A) * op(B) + beta * C, all row-major.
    /// op(A) is [m, k] (A stored [k, m] when `transposeA`), op(B) is [k, n] (B stored [n, k] when
    /// `transposeB`). `beta = 1` accumulates into C, which the backward passes use for gradients.
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        if k > 0, m > 0, n > 0, sumsHalvesOfK(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k) {
            _ = configured
            multiplyInHalvesOfK(a, b, into: c, m: m, n: n, k: k, alpha: alpha, beta: beta)
            return
        }
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        let parts = Parallel.cores
        if parts < 2 || m * n * k < parallelThreshold || Parallel.isNested || k == 0 {
            multiplyOnThisThread(a, transposeA: transposeA, lda: lda, b, transposeB: transposeB, ldb: ldb,
                                 into: c, ldc: n, m: m, n: n, k: k, alpha: alpha, beta: beta)
            return
        }
        _ = configured
        if m >= n {  // split rows of C: rows of op(A)
            Parallel.inParts(parts) { p in
                let r0 = m * p / parts, r1 = m * (p + 1) / parts
                guard r0 < r1 else { return }
                let aPart = transposeA ? a + r0 : a + r0 * lda
                raw(transposeA, transposeB, r1 - r0, n, k, alpha, aPart, lda, b, ldb, beta, c + r0 * n, n)
            }
        } else {  // split columns of C: columns of op(B)
            Parallel.inParts(parts) { p in
                let c0 = n * p / parts, c1 = n * (p + 1) / parts
                guard c0 < c1 else { return }
                let bPart = transposeB ? b + c0 * ldb : b + c0
                raw(transposeA, transposeB, m, c1 - c0, k, alpha, a, lda, bPart, ldb, beta, c + c0, n)
            }
        }
    }

    @inline(__always)
    static func raw(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        if kernel == .folio {
            folio_sgemm(ta ? 1 : 0, tb ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Tensor {
    /// The matrix product of two rank-2 tensors, optionally transposing either operand.
    /// - a: [m, k] (or [k, m] with `transposeA`), b: [k, n] (or [n, k] with `transposeB`) -> [m, n]
    public static func matmul(_ a: Tensor, _ b: Tensor,
                              transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
        guard a.rank == 2, b.rank == 2 else {
            throw TensorError.shapeMismatch(operation: "matmul", expected: "two matrices (rank 2)",
                                            found: "\(a.shape) and \(b.shape)")
        }
        let m = transposeA ? a.shape[1] : a.shape[0], k = transposeA ? a.shape[0] : a.shape[1]
        let k2 = transposeB ? b.shape[1] : b.shape[0], n = transposeB ? b.shape[0] : b.shape[1]
        guard k == k2 else {
            throw TensorError.shapeMismatch(operation: "matmul", expected: "inner dimensions to agree",
                                            found: "\(k) vs \(k2) (shapes \(a.shape), \(b.shape))")
        }
        var c = Tensor(zeros: [m, n])
        Gemm.multiply(a.pointer, transposeA: transposeA, b.pointer, transposeB: transposeB,
                      into: c.mutablePointer, m: m, n: n, k: k)
        return c
    }
}
