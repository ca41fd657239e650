#ifndef FOLIO_VECTOR16_H
#define FOLIO_VECTOR16_H

// Sixteen floats as one value, for the kernel files (not part of the module's interface): one AVX-512
// vector, two AVX2 or four SSE ones, as the loader's clone picks. Unaligned: rows start anywhere.
typedef float vector16 __attribute__((vector_size(64), aligned(4)));
#define LOAD(p) (*(const vector16 *)(p))
#define STORE(p, x) (*(vector16 *)(p) = (x))

// One element (T = float) or sixteen (T = vector16) at p + j, so a formula is written once for the
// vector loop and its scalar tail.
#define AT(T, p, j) (*(const T *)((p) + (j)))

// A macro, not a function: even inlined, a 64-byte vector argument changes the ABI between the clones.
typedef float vector8 __attribute__((vector_size(32), aligned(4)));
/// The sum of the 16 lanes of v: halves, then quarters, then pairs, always in the same order.
#define SUM16(v)                                                                                    \
    ({                                                                                              \
        vector8 h_ = __builtin_shufflevector((v), (v), 0, 1, 2, 3, 4, 5, 6, 7) +                    \
                     __builtin_shufflevector((v), (v), 8, 9, 10, 11, 12, 13, 14, 15);               \
        ((h_[0] + h_[4]) + (h_[2] + h_[6])) + ((h_[1] + h_[5]) + (h_[3] + h_[7]));                  \
    })

// Σ TERM(T) over j in [0, n), TERM a macro of the element type that reads index j: sixteen lanes at a
// time, then the tail one by one, the lanes added in a fixed order. So a row's sum depends only on the
// row — not on which thread computes it or where a parallel split falls — and seeded runs repeat.
#define FOLIO_SUM(n, j, TERM)                                             \
    ({                                                                    \
        vector16 acc_ = {0};                                              \
        long j = 0;                                                       \
        for (; j + 16 <= (n); j += 16) acc_ += TERM(vector16);            \
        float tail_ = 0;                                                  \
        for (; j < (n); j++) tail_ += TERM(float);                        \
        SUM16(acc_) + tail_;                                              \
    })

// out[j] += Σ_r TERM(T, r·ld + j) for every column j < cols, TERM a macro of the element type and an
// offset into a [rows, ld] matrix (ld ≥ cols: a block of columns of a wider one). Each column's terms are added to it in row order — the arithmetic of the plain
// row-by-row loop, so the result is the same for every vector width — while 64 columns (four vectors) stay
// in registers over all rows, so the matrix is read once.
#define FOLIO_ADD_COLUMN_SUMS(rows, cols, ld, out, TERM)                                              \
    do {                                                                                            \
        long j_ = 0;                                                                                \
        for (; j_ + 64 <= (cols); j_ += 64) {                                                       \
            vector16 s0_ = LOAD(out + j_), s1_ = LOAD(out + j_ + 16), s2_ = LOAD(out + j_ + 32),    \
                     s3_ = LOAD(out + j_ + 48);                                                     \
            for (long r_ = 0; r_ < (rows); r_++) {                                                  \
                long o_ = r_ * (ld) + j_;                                                           \
                s0_ += TERM(vector16, o_); s1_ += TERM(vector16, o_ + 16);                          \
                s2_ += TERM(vector16, o_ + 32); s3_ += TERM(vector16, o_ + 48);                     \
            }                                                                                       \
            STORE(out + j_, s0_); STORE(out + j_ + 16, s1_);                                        \
            STORE(out + j_ + 32, s2_); STORE(out + j_ + 48, s3_);                                   \
        }                                                                                           \
        for (; j_ + 16 <= (cols); j_ += 16) {                                                       \
            vector16 s_ = LOAD(out + j_);                                                           \
            for (long r_ = 0; r_ < (rows); r_++) s_ += TERM(vector16, r_ * (ld) + j_);              \
            STORE(out + j_, s_);                                                                    \
        }                                                                                           \
        for (; j_ < (cols); j_++) {                                                                 \
            float s_ = out[j_];                                                                     \
            for (long r_ = 0; r_ < (rows); r_++) s_ += TERM(float, r_ * (ld) + j_);                 \
            out[j_] = s_;                                                                           \
        }                                                                                           \
    } while (0)

#endif
