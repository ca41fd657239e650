// Correctness check for folio_sgemm and the packed-B path against a double-precision naive product.
// Runs the whole suite on the main thread, then on two threads at once (different seeds) to catch shared state.
// Exit status 0 only if every case passes. See README.md for the build line.

#include "folio_gemm.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rng { uint64_t state; };

static uint64_t next_u64(struct rng *r) {
    r->state = r->state * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t x = r->state;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    return x ^ (x >> 29);
}

static long uniform(struct rng *r, long lo, long hi) { return lo + (long)(next_u64(r) % (uint64_t)(hi - lo + 1)); }
static float unit(struct rng *r) { return (float)((double)(next_u64(r) >> 11) / 9007199254740992.0 * 2.0 - 1.0); }

struct shape {
    int ta, tb;
    long m, n, k, lda, ldb, ldc;
    float alpha, beta;
};

/// Sizes around the tile edges (12 rows, 16/32 columns) and a few odd ones; the uniform sizes up to 300 also
/// cross the k blocking (256).
static const long interesting[] = {
    1, 2, 3, 5, 11, 12, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 100,
};

static long pick_size(struct rng *r) {
    long count = (long)(sizeof interesting / sizeof interesting[0]);
    return uniform(r, 0, 3) == 0 ? uniform(r, 1, 300) : interesting[uniform(r, 0, count - 1)];
}

static float pick(struct rng *r, const float *choices, long count) { return choices[uniform(r, 0, count - 1)]; }

static struct shape random_shape(struct rng *r) {
    static const float alphas[] = { 1.0f, -0.75f, 2.5f };
    static const float betas[] = { 0.0f, 1.0f, 0.5f };
    struct shape s;
    s.ta = (int)uniform(r, 0, 1);
    s.tb = (int)uniform(r, 0, 1);
    s.m = pick_size(r);
    s.n = pick_size(r);
    s.k = uniform(r, 0, 9) == 0 ? 0 : pick_size(r);
    // Half the time the leading dimensions are padded beyond the minimum.
    s.lda = (s.ta ? s.m : s.k) + (uniform(r, 0, 1) ? uniform(r, 1, 9) : 0);
    s.ldb = (s.tb ? s.k : s.n) + (uniform(r, 0, 1) ? uniform(r, 1, 9) : 0);
    s.ldc = s.n + (uniform(r, 0, 1) ? uniform(r, 1, 9) : 0);
    if (s.lda == 0) s.lda = 1;
    if (s.ldb == 0) s.ldb = 1;
    s.alpha = pick(r, alphas, 3);
    s.beta = pick(r, betas, 3);
    return s;
}

/// Entries in [-1, 1), or in [0, 1) when `positive`: sums without cancellation make a missing or doubled
/// term stand out against the error bound, which scales with the sum of magnitudes.
static float *random_matrix(struct rng *r, long count, int positive) {
    float *x = malloc((size_t)(count > 0 ? count : 1) * sizeof(float));
    for (long i = 0; i < count; i++) x[i] = positive ? 0.5f * unit(r) + 0.5f : unit(r);
    return x;
}

/// Compares C against alpha·op(A)·op(B) + beta·C0 element by element, with a bound scaled by the
/// magnitudes involved; the padding columns of C (j ≥ n) must be untouched.
static int verify(const struct shape *s, const float *a, const float *b, const float *c0, const float *c,
                  const char *path) {
    for (long i = 0; i < s->m; i++) {
        for (long j = 0; j < s->ldc; j++) {
            float got = c[i * s->ldc + j];
            if (j >= s->n) {
                if (memcmp(&got, &c0[i * s->ldc + j], sizeof got) != 0) {
                    fprintf(stderr, "%s: wrote padding C[%ld][%ld]\n", path, i, j);
                    return 1;
                }
                continue;
            }
            double sum = 0, mag = 0;
            for (long p = 0; p < s->k; p++) {
                double x = s->ta ? a[p * s->lda + i] : a[i * s->lda + p];
                double y = s->tb ? b[j * s->ldb + p] : b[p * s->ldb + j];
                sum += x * y;
                mag += fabs(x * y);
            }
            double want = s->alpha * sum, scale = fabs(s->alpha) * mag;
            if (s->beta != 0) {
                want += s->beta * (double)c0[i * s->ldc + j];
                scale += fabs(s->beta * (double)c0[i * s->ldc + j]);
            }
            double bound = 1e-5 * sqrt((double)(s->k > 1 ? s->k : 1)) * scale + 1e-30;
            if (!(fabs(got - want) <= bound)) {
                fprintf(stderr, "%s: ta=%d tb=%d m=%ld n=%ld k=%ld lda=%ld ldb=%ld ldc=%ld alpha=%g beta=%g: "
                        "C[%ld][%ld] = %.9g, want %.9g (bound %.3g)\n", path, s->ta, s->tb, s->m, s->n, s->k,
                        s->lda, s->ldb, s->ldc, s->alpha, s->beta, i, j, got, want, bound);
                return 1;
            }
        }
    }
    return 0;
}

/// Runs one shape through folio_sgemm and the packed-B path; returns the number of failures (0…2).
static int check_shape(struct rng *r, const struct shape *s, int positive) {
    long arows = s->ta ? s->k : s->m, brows = s->tb ? s->n : s->k;
    float *a = random_matrix(r, arows * s->lda, positive), *b = random_matrix(r, brows * s->ldb, positive);
    float *c0 = random_matrix(r, s->m * s->ldc, positive), *c = malloc((size_t)(s->m * s->ldc) * sizeof(float));
    if (s->beta == 0) {
        // BLAS semantics: with beta 0, C is output only, so NaN there must not leak into the result.
        for (long i = 0; i < s->m; i++)
            for (long j = 0; j < s->n; j++) c0[i * s->ldc + j] = NAN;
    }
    int failures = 0;
    memcpy(c, c0, (size_t)(s->m * s->ldc) * sizeof(float));
    folio_sgemm(s->ta, s->tb, s->m, s->n, s->k, s->alpha, a, s->lda, b, s->ldb, s->beta, c, s->ldc);
    failures += verify(s, a, b, c0, c, "folio_sgemm");

    float *packed = malloc((size_t)(folio_sgemm_packed_b_size(s->k, s->n) + 1) * sizeof(float));
    folio_sgemm_pack_b(s->tb, s->k, s->n, b, s->ldb, packed);
    memcpy(c, c0, (size_t)(s->m * s->ldc) * sizeof(float));
    folio_sgemm_with_packed_b(s->ta, s->m, s->n, s->k, s->alpha, a, s->lda, packed, s->beta, c, s->ldc);
    failures += verify(s, a, b, c0, c, "folio_sgemm_with_packed_b");
    free(packed);
    free(a);
    free(b);
    free(c0);
    free(c);
    return failures;
}

/// Shapes that cross the KC/MC/NC blocking boundaries, which random sizes up to 300 rarely reach, in both the
/// packed-A path (n > 128) and the path that reads A in place; and matrix-vector products whose strided
/// vector is gathered in more than one chunk (k beyond the 585,728-float scratch).
static const struct shape blocked[] = {
    { 0, 0, 3, 1, 600000, 600000, 2, 1, 1.0f, 0.5f },
    { 1, 1, 1, 5, 600000, 3, 600000, 5, -0.75f, 0.0f },
    { 0, 0, 500, 300, 600, 603, 300, 301, 1.0f, 0.0f },
    { 1, 0, 500, 300, 600, 500, 307, 300, -0.75f, 0.5f },
    { 1, 1, 251, 161, 530, 251, 530, 161, 2.5f, 1.0f },
    { 0, 0, 37, 45, 1000, 1000, 45, 45, 1.0f, 0.5f },
    { 1, 1, 29, 70, 777, 29, 777, 70, 2.5f, 0.0f },
    { 0, 1, 600, 40, 300, 300, 300, 41, -0.75f, 1.0f },
    { 1, 0, 500, 33, 513, 500, 33, 33, 1.0f, 0.0f },
    { 0, 0, 13, 2100, 20, 20, 2100, 2100, 1.0f, 1.0f },
    { 0, 1, 3, 4200, 9, 9, 9, 4200, 1.0f, 0.0f },
    { 0, 0, 64, 512, 128, 128, 512, 512, 1.0f, 1.0f },
    { 0, 1, 64, 128, 512, 512, 512, 128, 1.0f, 0.0f },
    { 1, 0, 128, 512, 3584, 128, 512, 512, 1.0f, 1.0f },
};

struct run { uint64_t seed; int cases; int failures; };

static void *run_suite(void *arg) {
    struct run *run = arg;
    struct rng r = { run->seed };
    for (size_t i = 0; i < sizeof blocked / sizeof blocked[0]; i++) {
        run->failures += check_shape(&r, &blocked[i], 1);
    }
    for (int i = 0; i < run->cases; i++) {
        struct shape s = random_shape(&r);
        run->failures += check_shape(&r, &s, i % 3 == 0);
    }
    return NULL;
}

/// Checks the kernel set of `bits` (512 or 256); returns its failures.
static int check_isa(int bits, int cases) {
    printf("%d-bit kernels:\n", bits);
    struct run solo = { 1, cases, 0 };
    run_suite(&solo);
    printf("  single thread: %d random shapes + %zu blocked, %d failures\n", cases,
           sizeof blocked / sizeof blocked[0], solo.failures);

    struct run pair[2] = { { 2, cases, 0 }, { 3, cases, 0 } };
    pthread_t threads[2];
    for (int t = 0; t < 2; t++) pthread_create(&threads[t], NULL, run_suite, &pair[t]);
    for (int t = 0; t < 2; t++) pthread_join(threads[t], NULL);
    printf("  two threads at once: %d failures\n", pair[0].failures + pair[1].failures);
    return solo.failures + pair[0].failures + pair[1].failures;
}

int main(int argc, char **argv) {
    if (!folio_gemm_available()) {
        fprintf(stderr, "folio_gemm_available() == 0: this CPU has neither AVX-512F nor AVX2 with FMA\n");
        return 2;
    }
    int cases = argc > 1 ? atoi(argv[1]) : 1500;
    int widest = folio_gemm_isa(), total = 0;
    // Every set the CPU can run: the AVX2 kernels are checked on AVX-512 machines too.
    for (int bits = widest; bits >= 256; bits /= 2) {
        if (folio_gemm_select_isa(bits) == bits) total += check_isa(bits, cases);
    }
    folio_gemm_select_isa(widest);
    printf(total == 0 ? "OK\n" : "FAILED\n");
    return total == 0 ? 0 : 1;
}
