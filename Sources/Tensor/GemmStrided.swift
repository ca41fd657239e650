extension Gemm {
    /// C = alpha · op(A) · op(B) + beta · C on the calling thread, with explicit row strides: lda, ldb, ldc
    /// are the distances in floats between consecutive stored rows of A, B and C (as in BLAS), so the
    /// operands can be blocks inside larger matrices — attention's heads are column blocks of [B, T, H·D].
    /// Shapes and transposes as in `multiply`. For loops that are already split across cores: it never
    /// hands work to other threads.
    public static func multiplyOnThisThread(
        _ a: UnsafePointer<Float>, transposeA: Bool = false, lda: Int,
        _ b: UnsafePointer<Float>, transposeB: Bool = false, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        _ = configured
        guard m > 0, n > 0 else { return }
        if k == 0 {  // SGEMM would leave beta * C; make beta = 0 explicit
            if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        raw(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
}
