import CBLAS
import CKernels

/// Matrix products. Transposes are flags, never copies.
///
/// Kernel: Folio's own SGEMM (Sources/CKernels/folio_gemm*.c), with AVX-512 kernels where the CPU has
/// AVX-512 and AVX2 ones where it has AVX2 and FMA (`Gemm.Setting`), OpenBLAS on older CPUs. On AVX-512
/// machines ours is about twice as fast as OpenBLAS's AVX2 kernels on the engine's shapes; on an AVX2 machine
/// (Zen 3) the AVX2 kernels run a square product at 0.98× OpenBLAS's rate and the engine's 40 other shapes
/// at 0.91–6.2× (35 of them at 1× or more), before the work they fuse: the bias and relu epilogue, bias
/// gradients from packing, receptive fields read in place (scripts/bench-workloads/gemm).
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

    /// Whether this CPU can run Folio's kernels (AVX-512F, or AVX2 with FMA, enabled by the OS).
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
        if k == 0 || !splits(m: m, n: n, k: k) {
            multiplyOnThisThread(a, transposeA: transposeA, lda: lda, b, transposeB: transposeB, ldb: ldb,
                                 into: c, ldc: n, m: m, n: n, k: k, alpha: alpha, beta: beta)
            return
        }
        _ = configured
        inParts(a, transposeA: transposeA, b, transposeB: transposeB, m: m, n: n, k: k) { a, b, rows, columns, r0, c0 in
            raw(transposeA, transposeB, rows, columns, k, alpha, a, lda, b, ldb, beta, c + r0 * n + c0, n)
        }
    }

    /// C[m, n] = op(A)·op(B) + bias, the row vector bias[0..<n] added to every row, then with `relu`
    /// `v < 0 ? 0 : v` (NaN passes, so training still sees it): a dense layer's forward. Folio's kernel
    /// applies both as its tiles store C (the GEMM's epilogue), so neither takes a pass over C of its own;
    /// OpenBLAS (and the rare product summed in halves of k) gets one pass after. Same splits as `multiply`.
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
        addingRowVector bias: UnsafePointer<Float>, relu: Bool
    ) {
        guard m > 0, n > 0 else { return }
        if kernel != .folio || sumsHalvesOfK(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k) {
            multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: c, m: m, n: n, k: k)
            if relu { Kernels.addRowVectorRelu(bias, to: c, rows: m, cols: n) }
            else { Kernels.addRowVector(bias, to: c, rows: m, cols: n) }
            return
        }
        _ = configured
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        // a local function, not a closure value, whose captures would be boxed on the heap every call
        func product(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, rows: Int, columns: Int, r0: Int, c0: Int) {
            folio_sgemm_bias(transposeA ? 1 : 0, transposeB ? 1 : 0, rows, columns, k, a, lda, b, ldb,
                             c + r0 * n + c0, n, bias + c0, relu ? 1 : 0)
        }
        if splits(m: m, n: n, k: k) {
            inParts(a, transposeA: transposeA, b, transposeB: transposeB, m: m, n: n, k: k) {
                product($0, $1, rows: $2, columns: $3, r0: $4, c0: $5)
            }
        } else {
            product(a, b, rows: m, columns: n, r0: 0, c0: 0)
        }
    }

    /// C = alpha·op(A)·B + beta·C for a row-major B, and sums[j] += Σp B[p, j] (B's column sums): a weight
    /// gradient xᵀ·dz with its bias gradient, dz read once. Folio's kernel sums B's rows as it packs them;
    /// OpenBLAS gets a pass after. Same splits as `multiply`: with rows of C split, the first part sums B;
    /// with columns, each part its own columns; in halves of k, each half its rows, added in order.
    /// nil sums: the plain product.
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false, _ b: UnsafePointer<Float>,
        into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0,
        addingColumnSumsOfBTo sums: UnsafeMutablePointer<Float>?
    ) {
        guard let sums else {
            multiply(a, transposeA: transposeA, b, into: c, m: m, n: n, k: k, alpha: alpha, beta: beta)
            return
        }
        guard n > 0 else { return }
        guard kernel == .folio else {
            multiply(a, transposeA: transposeA, b, into: c, m: m, n: n, k: k, alpha: alpha, beta: beta)
            Kernels.accumulateColumnSums(b, rows: k, cols: n, into: sums)
            return
        }
        _ = configured
        if k > 0, m > 0, sumsHalvesOfK(transposeA: transposeA, transposeB: false, m: m, n: n, k: k) {
            multiplyInHalvesOfK(a, b, into: c, m: m, n: n, k: k, alpha: alpha, beta: beta, sums: sums)
            return
        }
        let lda = transposeA ? m : k, ta: Int32 = transposeA ? 1 : 0
        guard splits(m: m, n: n, k: k) else {
            folio_sgemm_summing_b(ta, m, n, k, alpha, a, lda, b, n, beta, c, n, sums)
            return
        }
        inParts(a, transposeA: transposeA, b, transposeB: false, m: m, n: n, k: k) { a, b, rows, columns, r0, c0 in
            if m >= n, r0 > 0 {  // rows split: the first part sums all of B
                raw(transposeA, false, rows, columns, k, alpha, a, lda, b, n, beta, c + r0 * n + c0, n)
            } else {
                folio_sgemm_summing_b(ta, rows, columns, k, alpha, a, lda, b, n, beta, c + r0 * n + c0, n, sums + c0)
            }
        }
    }

    /// Whether a product is split across the cores: large enough, not already on a worker.
    private static func splits(m: Int, n: Int, k: Int) -> Bool {
        Parallel.cores >= 2 && m * n * k >= parallelThreshold && !Parallel.isNested
    }

    /// Runs `part(a, b, rows, columns, r0, c0)` for each core's share of C = op(A)·op(B): rows of C (of op(A))
    /// or, when C is short and wide, columns (of op(B)). a and b point at the share's first row or column of
    /// op(A) or op(B); r0 and c0 are its first row and column in C.
    private static func inParts(_ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>,
                                transposeB: Bool, m: Int, n: Int, k: Int,
                                _ part: (UnsafePointer<Float>, UnsafePointer<Float>, Int, Int, Int, Int) -> Void) {
        let parts = Parallel.cores, lda = transposeA ? m : k, ldb = transposeB ? k : n
        if m >= n {  // split rows of C: rows of op(A)
            Parallel.inParts(parts) { p in
                let r0 = m * p / parts, r1 = m * (p + 1) / parts
                guard r0 < r1 else { return }
                part(transposeA ? a + r0 : a + r0 * lda, b, r1 - r0, n, r0, 0)
            }
        } else {  // split columns of C: columns of op(B)
            Parallel.inParts(parts) { p in
                let c0 = n * p / parts, c1 = n * (p + 1) / parts
                guard c0 < c1 else { return }
                part(a, transposeB ? b + c0 * ldb : b + c0, m, c1 - c0, 0, c0)
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
