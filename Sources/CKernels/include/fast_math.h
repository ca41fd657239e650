#ifndef FOLIO_FAST_MATH_H
#define FOLIO_FAST_MATH_H
// The one definition of the fast tanh, sigmoid and exp: the kernel files use it, and so does Swift code
// (GRUOp) through this public header; Swift inlines and vectorises static inline C functions.
#include <math.h>
#include <stdint.h>

// One source, three instruction sets: the compiler vectorises each loop for every clone and the
// loader's ifunc resolver picks the widest the CPU has.
#if defined(__x86_64__) && defined(__clang__)
#define FOLIO_CLONES __attribute__((target_clones("avx512f", "arch=x86-64-v3", "default")))
#else
#define FOLIO_CLONES
#endif

// tanh as a 13/6-degree odd rational minimax approximation on [-7.9, 7.9] (beyond it tanh is ±1
// in Float); near zero, x itself. Accuracy: a few float ulps (FastMathTests compares with libm).
// The clamp is written with comparisons, not fminf/fmaxf, so a NaN passes through (and training
// reports it) instead of being clamped to ±1.
static inline float fast_tanh(float x) {
    float c = x < -7.905311f ? -7.905311f : (x > 7.905311f ? 7.905311f : x);
    float x2 = c * c;
    float p = -2.7607685e-16f;
    p = p * x2 + 2.0001879e-13f;
    p = p * x2 - 8.6046715e-11f;
    p = p * x2 + 5.1222971e-08f;
    p = p * x2 + 1.4857224e-05f;
    p = p * x2 + 6.3726193e-04f;
    p = p * x2 + 4.8935246e-03f;
    p = p * c;
    float q = 1.1982584e-06f;
    q = q * x2 + 1.1853471e-04f;
    q = q * x2 + 2.2684346e-03f;
    q = q * x2 + 4.8935252e-03f;
    return fabsf(x) < 0.0004f ? x : p / q;
}

static inline float fast_sigmoid(float x) { return 0.5f + 0.5f * fast_tanh(0.5f * x); }

// e^x as 2^n · e^r: n = round(x / ln 2) (adding 1.5·2^23 rounds it into the low mantissa bits), r = x − n·ln 2
// with ln 2 in two parts so r keeps full precision (Cody–Waite), e^r on |r| ≤ ln2/2 by Cephes' expf
// polynomial, 2^n written as exponent bits (in two factors for n = 128). Unlike libm's expf it has no
// branches or table, so loops calling it vectorise. Within a few float ulps of expf (FastMathTests);
// below −87.3365 (where e^x is subnormal) it gives 0, so −inf gives 0; above 88.7228, +inf; NaN stays NaN.
static inline float fast_exp(float x) {
    const float lo = -87.336544f, hi = 88.722839f, round = 12582912.0f;
    float c = x < lo ? lo : (x > hi ? hi : x);
    float t = c * 1.44269504f + round;
    float n = t - round;
    float r = c - n * 0.693359375f;
    r = r + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float e = p * r * r + r + 1.0f;
    union { float f; int32_t i; } rounded = {t}, scale;
    int32_t k = rounded.i - 0x4B400000, top = k > 127;
    scale.i = (k - top + 127) << 23;
    float y = e * scale.f * (top ? 2.0f : 1.0f);
    return x < lo ? 0.0f : (x > hi ? INFINITY : y);
}

#endif
