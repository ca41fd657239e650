#include "row_broadcast.h"
#include "fast_math.h"  // FOLIO_CLONES
#include "vector16.h"

FOLIO_CLONES
void folio_add_row_vector(long rows, long cols, const float *bias, float *y, int relu) {
    for (long r = 0; r < rows; r++) {
        float *restrict row = y + r * cols;
        const float *restrict b = bias;
        if (relu) {
            // `v < 0 ? 0 : v`, not a max: NaN must reach the loss so that training stops on it
            for (long j = 0; j < cols; j++) { float v = row[j] + b[j]; row[j] = v < 0 ? 0 : v; }
        } else {
            for (long j = 0; j < cols; j++) row[j] += b[j];
        }
    }
}

FOLIO_CLONES
void folio_add_column_sums(long rows, long cols, long ld, const float *x, float *out) {
#define X_TERM(T, o) AT(T, x, o)
    FOLIO_ADD_COLUMN_SUMS(rows, cols, ld, out, X_TERM);
#undef X_TERM
}
