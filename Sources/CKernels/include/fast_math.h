#ifndef FOLIO_FAST_MATH_H
#define FOLIO_FAST_MATH_H
// The one definition of the fast tanh and sigmoid: the kernel files use it, and so does Swift code
// (GRUOp) through this public header; Swift inlines and vectorises static inline C functions.
#include <math.h>

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

#endif
