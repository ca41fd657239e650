#ifndef FOLIO_GEMM_H
#define FOLIO_GEMM_H

// Single-threaded SGEMM with AVX-512 or AVX2 micro-kernels, row-major, with cblas_sgemm(CblasRowMajor, …)
// semantics.
// Several threads may call these at once (on disjoint C): packing scratch is per thread, 2.3 MiB allocated on
// a thread's first call and freed when the thread exits. No alignment is required of pointers or strides.
// Call the sgemm functions only when folio_gemm_available() returns 1; on other targets they do nothing.

/// 1 when this CPU (and OS, via XGETBV) can run one of the kernel sets (folio_gemm_isa() != 0); the caller uses
/// OpenBLAS otherwise. The answer is computed once per process and cached, so calling it often is cheap.
int folio_gemm_available(void);

/// The vector width in bits of the kernel set in use: 512 (AVX-512F), 256 (AVX2 and FMA) or 0 (neither).
/// The widest the CPU supports, unless folio_gemm_select_isa chose another.
int folio_gemm_isa(void);

/// The widest kernel set this CPU runs (512, 256 or 0), whatever folio_gemm_select_isa chose. The cache blocks
/// follow it, so that they do not depend on which set a test had selected when the process's first product ran.
int folio_gemm_widest_isa(void);

/// Runs the kernels of `bits` (512 or 256) from now on if this CPU supports them, and returns the width in use:
/// for tests, which check the AVX2 kernels on AVX-512 machines too, and for measurements.
int folio_gemm_select_isa(int bits);

/// C[m×n] = alpha·op(A)·op(B) + beta·C. op(A) is m×k (A stored k×m when transA), op(B) is k×n (B stored n×k
/// when transB). lda/ldb/ldc are row strides. beta == 0 overwrites C without reading it (NaN in C is ignored);
/// k == 0 or alpha == 0 gives C = beta·C. m == 1 or n == 1 run as matrix-vector products.
void folio_sgemm(int transA, int transB, long m, long n, long k, float alpha,
                 const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc);

/// C[m×n] = op(A)·op(B) (alpha 1, beta 0), then bias[j] added to every row's column j (bias NULL: none), then,
/// with relu, `v < 0 ? 0 : v` (NaN passes): a dense layer's forward with its epilogue applied as the tiles store
/// C, so neither the bias nor the activation takes a pass of its own. Matrix-vector shapes apply it after.
void folio_sgemm_bias(int transA, int transB, long m, long n, long k, const float *a, long lda,
                      const float *b, long ldb, float *c, long ldc, const float *bias, int relu);

/// folio_sgemm with a row-major B (transB = 0) that also adds B's column sums to sums[0..<n]: sums[j] += Σp B[p, j].
/// A weight gradient xᵀ·dz and its bias gradient (dz's column sums) in one read of dz: the tiles that pack B sum
/// its rows as they copy them. The rows are added in order within each k block, then the block sums in order.
void folio_sgemm_summing_b(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                           const float *b, long ldb, float beta, float *c, long ldc, float *sums);

/// The k block and the row block the kernel uses on this CPU (from its L1d and L2 sizes); 0 off x86-64.
void folio_gemm_block_sizes(long *kc, long *mc);

/// Replaces them (kc rounded down to a multiple of 16 within 16…256, mc to a multiple of 12 within 12…480):
/// for tests, which check the blocks other CPUs would get on this one, and for measurements.
void folio_gemm_set_blocks(long kc, long mc);

/// Number of floats folio_sgemm_pack_b needs for a k×n op(B): k × n rounded up to a multiple of 32
/// (or of 16, when n % 32 is at most 16).
long folio_sgemm_packed_b_size(long k, long n);

/// Packs op(B) (k×n; B stored n×k when transB) for folio_sgemm_with_packed_b. `packed` needs
/// folio_sgemm_packed_b_size(k, n) floats; 64-byte alignment is fastest but not required.
void folio_sgemm_pack_b(int transB, long k, long n, const float *b, long ldb, float *packed);

/// Like folio_sgemm, with op(B) taken from a buffer filled by folio_sgemm_pack_b with the same k and n.
/// The buffer is only read, so several threads may share it.
void folio_sgemm_with_packed_b(int transA, long m, long n, long k, float alpha, const float *a, long lda,
                               const float *packed, float beta, float *c, long ldc);

#endif
