// Single-thread GFLOP/s of folio_sgemm against OpenBLAS's cblas_sgemm on the engine's hot shapes.
// Each shape: the two libraries alternate sample by sample (so a noisy neighbour hits both alike), every sample
// repeats the product enough times to last ~2 ms, and the table shows the median of the samples.
// "packed" rows time folio_sgemm_with_packed_b with B packed once beforehand (the LSTM reuses B for 27-28 steps);
// OpenBLAS gets the plain call. Run with the environment as it is (OPENBLAS_CORETYPE=Haswell is the baseline).

#include "folio_gemm.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct shape {
    const char *name;
    int ta, tb;
    long m, n, k;
    float beta;
    int packed;
};

static const struct shape shapes[] = {
    { "square 1024^3", 0, 0, 1024, 1024, 1024, 0, 0 },
    { "lstm fwd m64 (packed B)", 0, 0, 64, 512, 128, 1, 1 },
    { "lstm fwd m128 (packed B)", 0, 0, 128, 512, 128, 1, 1 },
    { "lstm fwd m32 (packed B)", 0, 0, 32, 512, 128, 1, 1 },
    { "lstm bwd m32 B^T (packed B)", 0, 1, 32, 128, 512, 0, 1 },
    { "lstm fwd m64 (unpacked)", 0, 0, 64, 512, 128, 1, 0 },
    { "lstm bwd m64 B^T (packed B)", 0, 1, 64, 128, 512, 0, 1 },
    { "lstm bwd m64 B^T (unpacked)", 0, 1, 64, 128, 512, 0, 0 },
    { "lstm dW A^T k3584", 1, 0, 128, 512, 3584, 1, 0 },
    { "lstm input proj k28", 0, 0, 3584, 512, 28, 0, 0 },
    { "conv1 fwd 43264x32x9", 0, 0, 43264, 32, 9, 0, 0 },
    { "conv1 dW A^T 9x32x43264", 1, 0, 9, 32, 43264, 0, 0 },
    { "conv1 dX B^T 43264x9x32", 0, 1, 43264, 9, 32, 0, 0 },
    { "conv2 fwd 7744x64x288", 0, 0, 7744, 64, 288, 0, 0 },
    { "conv2 dW A^T 288x64x7744", 1, 0, 288, 64, 7744, 0, 0 },
    { "conv2 dX B^T 7744x288x64", 0, 1, 7744, 288, 64, 0, 0 },
    { "dense fwd 64x64x1600", 0, 0, 64, 64, 1600, 0, 0 },
    { "dense dW A^T 1600x64x64", 1, 0, 1600, 64, 64, 0, 0 },
    { "dense dX B^T 64x1600x64", 0, 1, 64, 1600, 64, 0, 0 },
    // The Transformer's per-core halves (batch 128 of 28 steps, width 64; Flatten -> Dense 128 on 1792).
    { "tr embed fwd 1792x64x28", 0, 0, 1792, 64, 28, 0, 0 },
    { "tr embed dW A^T 28x32x3584", 1, 0, 28, 32, 3584, 0, 0 },
    { "tr proj fwd 1792x64x64", 0, 0, 1792, 64, 64, 0, 0 },
    { "tr proj dW A^T 64x32x3584", 1, 0, 64, 32, 3584, 0, 0 },
    { "tr proj dW A^T 32x64x3584", 1, 0, 32, 64, 3584, 0, 0 },
    { "tr proj dW A^T 64x64x1792", 1, 0, 64, 64, 1792, 0, 0 },
    { "tr proj dX B^T 1792x64x64", 0, 1, 1792, 64, 64, 1, 0 },
    { "tr flat fwd 64x128x1792", 0, 0, 64, 128, 1792, 0, 0 },
    { "tr flat dW A^T 896x128x128", 1, 0, 896, 128, 128, 0, 0 },
    { "tr flat dW A^T 1792x64x128", 1, 0, 1792, 64, 128, 0, 0 },
    { "tr flat dX B^T 128x896x128", 0, 1, 128, 896, 128, 0, 0 },
    { "tr attn qk B^T 28x28x64", 0, 1, 28, 28, 64, 0, 0 },
    { "tr attn wv 28x64x28", 0, 0, 28, 64, 28, 0, 0 },
    { "tr attn dv A^T 28x64x28", 1, 0, 28, 64, 28, 0, 0 },
    { "tiny 4x4x4", 0, 0, 4, 4, 4, 0, 0 },
    { "tiny 16x16x16", 0, 0, 16, 16, 16, 0, 0 },
    { "tiny 32x32x32 B^T", 0, 1, 32, 32, 32, 1, 0 },
    { "small 64x64x64", 0, 0, 64, 64, 64, 0, 0 },
    { "row 1x512x128", 0, 0, 1, 512, 128, 1, 0 },
    { "dense1 fwd 64x1x1600", 0, 0, 64, 1, 1600, 0, 0 },
    { "dense1 dW A^T 1600x1x64", 1, 0, 1600, 1, 64, 0, 0 },
    { "dense1 dX B^T 64x1600x1", 0, 1, 64, 1600, 1, 0, 0 },
};

enum { SAMPLES = 11 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static float *filled(long count) {
    float *x = aligned_alloc(64, (size_t)((count * 4 + 63) / 64 * 64));
    for (long i = 0; i < count; i++) x[i] = (float)((i * 7919 % 2001) - 1000) / 1000.0f;
    return x;
}

struct operands {
    const struct shape *s;
    float *a, *b, *c, *packed;
    long lda, ldb;
};

static void run_folio(const struct operands *o) {
    const struct shape *s = o->s;
    if (s->packed)
        folio_sgemm_with_packed_b(s->ta, s->m, s->n, s->k, 1, o->a, o->lda, o->packed, s->beta, o->c, s->n);
    else
        folio_sgemm(s->ta, s->tb, s->m, s->n, s->k, 1, o->a, o->lda, o->b, o->ldb, s->beta, o->c, s->n);
}

static void run_openblas(const struct operands *o) {
    const struct shape *s = o->s;
    cblas_sgemm(CblasRowMajor, s->ta ? CblasTrans : CblasNoTrans, s->tb ? CblasTrans : CblasNoTrans,
                (int)s->m, (int)s->n, (int)s->k, 1, o->a, (int)o->lda, o->b, (int)o->ldb, s->beta, o->c, (int)s->n);
}

/// Seconds per call, averaged over `reps` back-to-back calls.
static double sample(void (*run)(const struct operands *), const struct operands *o, int reps) {
    double start = now();
    for (int i = 0; i < reps; i++) run(o);
    return (now() - start) / reps;
}

static int compare_doubles(const void *x, const void *y) {
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double median(double *x) {
    qsort(x, SAMPLES, sizeof *x, compare_doubles);
    return x[SAMPLES / 2];
}

static void bench(const struct shape *s) {
    struct operands o = { s, NULL, NULL, NULL, NULL, s->ta ? s->m : s->k, s->tb ? s->k : s->n };
    o.a = filled(s->m * s->k);
    o.b = filled(s->k * s->n);
    o.c = filled(s->m * s->n);
    o.packed = aligned_alloc(64, (size_t)((folio_sgemm_packed_b_size(s->k, s->n) * 4 + 63) / 64 * 64));
    folio_sgemm_pack_b(s->tb, s->k, s->n, o.b, o.ldb, o.packed);

    // Warm up both, and size each sample to ~2 ms of OpenBLAS time.
    run_folio(&o);
    double once = sample(run_openblas, &o, 3);
    int reps = once > 2e-3 ? 1 : (int)(2e-3 / once) + 1;

    double folio[SAMPLES], openblas[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
        folio[i] = sample(run_folio, &o, reps);
        openblas[i] = sample(run_openblas, &o, reps);
    }
    double flops = 2.0 * (double)s->m * (double)s->n * (double)s->k;
    double gf = flops / median(folio) * 1e-9, go = flops / median(openblas) * 1e-9;
    printf("%-30s %8.1f %9.1f %7.2fx\n", s->name, gf, go, gf / go);
    free(o.a);
    free(o.b);
    free(o.c);
    free(o.packed);
}

int main(int argc, char **argv) {
    if (!folio_gemm_available()) {
        fprintf(stderr, "folio_gemm_available() == 0: this CPU has neither AVX-512F nor AVX2 with FMA\n");
        return 2;
    }
    // FOLIO_BENCH_GEMM=256 times the AVX2 kernels on an AVX-512 machine (as EngineBench does).
    const char *bits = getenv("FOLIO_BENCH_GEMM");
    if (bits && atoi(bits) > 0 && folio_gemm_select_isa(atoi(bits)) != atoi(bits)) {
        fprintf(stderr, "FOLIO_BENCH_GEMM=%s: this CPU runs at most the %d-bit kernels\n", bits, folio_gemm_isa());
        return 2;
    }
    openblas_set_num_threads(1);
    const char *coretype = getenv("OPENBLAS_CORETYPE");
    printf("folio %d-bit kernels; OPENBLAS_CORETYPE=%s, %s; median of %d samples, GFLOP/s single thread\n",
           folio_gemm_isa(), coretype ? coretype : "(unset)", openblas_get_config(), SAMPLES);
    printf("%-30s %8s %9s %8s\n", "shape", "folio", "openblas", "ratio");
    // An optional argument keeps only the shapes whose name contains it.
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        if (argc < 2 || strstr(shapes[i].name, argv[1])) bench(&shapes[i]);
    }
    return 0;
}
