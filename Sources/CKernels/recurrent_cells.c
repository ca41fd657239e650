#include "recurrent_cells.h"
#include "fast_math.h"

FOLIO_CLONES
void folio_lstm_forward_step(long rows, long units, float *gates, const float *bias, const float *cPrev,
                             float *c, float *cTanh, float *h) {
    const float *restrict bi = bias, *restrict bf = bias + units, *restrict bc = bias + 2 * units;
    const float *restrict bo = bias + 3 * units;
    for (long n = 0; n < rows; n++) {
        float *restrict in = gates + n * 4 * units, *restrict forget = in + units;
        float *restrict cand = in + 2 * units, *restrict out = in + 3 * units;
        const float *restrict cp = cPrev + n * units;
        float *restrict cn = c + n * units, *restrict ct = cTanh + n * units, *restrict hn = h + n * units;
        // The four gates of a row are adjacent slices of one buffer; hoisted overlap checks over
        // all rows would fail and fall back to scalar code, so tell the vectoriser they are disjoint.
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < units; j++) {
            float i = fast_sigmoid(in[j] + bi[j]), f = fast_sigmoid(forget[j] + bf[j]);
            float g = fast_tanh(cand[j] + bc[j]), o = fast_sigmoid(out[j] + bo[j]);
            float cell = f * cp[j] + i * g, squashed = fast_tanh(cell);
            in[j] = i; forget[j] = f; cand[j] = g; out[j] = o;
            cn[j] = cell; ct[j] = squashed; hn[j] = o * squashed;
        }
    }
}

FOLIO_CLONES
void folio_lstm_backward_step(long rows, long units, const float *gates, const float *cPrev,
                              const float *cTanh, const float *dh, float *dc, float *dGates) {
    for (long n = 0; n < rows; n++) {
        const float *restrict in = gates + n * 4 * units, *restrict forget = in + units;
        const float *restrict cand = in + 2 * units, *restrict out = in + 3 * units;
        const float *restrict cp = cPrev + n * units, *restrict ct = cTanh + n * units, *restrict dhn = dh + n * units;
        float *restrict dcn = dc + n * units;
        float *restrict dIn = dGates + n * 4 * units, *restrict dForget = dIn + units;
        float *restrict dCand = dIn + 2 * units, *restrict dOut = dIn + 3 * units;
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < units; j++) {
            float i = in[j], f = forget[j], g = cand[j], o = out[j], squashed = ct[j], dhv = dhn[j];
            float dcv = dcn[j] + dhv * o * (1 - squashed * squashed);
            dIn[j] = dcv * g * i * (1 - i);
            dForget[j] = dcv * cp[j] * f * (1 - f);
            dCand[j] = dcv * i * (1 - g * g);
            dOut[j] = dhv * squashed * o * (1 - o);
            dcn[j] = dcv * f;
        }
    }
}

FOLIO_CLONES
void folio_gru_forward_step(long rows, long units, float *gates, float *rec, const float *bias,
                            const float *hPrev, float *h) {
    const float *restrict iz = bias, *restrict ir = bias + units, *restrict ih = bias + 2 * units;
    const float *restrict bz = bias + 3 * units, *restrict br = bz + units, *restrict bh = bz + 2 * units;
    for (long n = 0; n < rows; n++) {
        float *restrict z = gates + n * 3 * units, *restrict r = z + units, *restrict cand = z + 2 * units;
        float *restrict rz = rec + n * 3 * units, *restrict rr = rz + units, *restrict rh = rz + 2 * units;
        const float *restrict hp = hPrev + n * units;
        float *restrict hn = h + n * units;
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < units; j++) {
            float recZ = rz[j] + bz[j], recR = rr[j] + br[j], recH = rh[j] + bh[j];
            rz[j] = recZ; rr[j] = recR; rh[j] = recH;  // the backward step reads rh with its bias
            float zj = fast_sigmoid(z[j] + iz[j] + recZ), rj = fast_sigmoid(r[j] + ir[j] + recR);
            float cj = fast_tanh(cand[j] + ih[j] + rj * recH);
            z[j] = zj; r[j] = rj; cand[j] = cj;
            hn[j] = zj * hp[j] + (1 - zj) * cj;
        }
    }
}

FOLIO_CLONES
void folio_gru_backward_step(long rows, long units, const float *gates, const float *rec, const float *hPrev,
                             float *dh, float *dGates, float *dRec) {
    for (long n = 0; n < rows; n++) {
        const float *restrict z = gates + n * 3 * units, *restrict r = z + units, *restrict cand = z + 2 * units;
        const float *restrict rh = rec + n * 3 * units + 2 * units, *restrict hp = hPrev + n * units;
        float *restrict dhn = dh + n * units;
        float *restrict dz = dGates + n * 3 * units, *restrict dr = dz + units, *restrict dc = dz + 2 * units;
        float *restrict dRz = dRec + n * 3 * units, *restrict dRr = dRz + units, *restrict dRc = dRz + 2 * units;
#pragma clang loop vectorize(assume_safety)
        for (long j = 0; j < units; j++) {
            float dhv = dhn[j], zj = z[j], rj = r[j], cj = cand[j];
            float dCand = dhv * (1 - zj) * (1 - cj * cj);
            float dzj = dhv * (hp[j] - cj) * zj * (1 - zj);
            float drj = dCand * rh[j] * rj * (1 - rj);
            dz[j] = dzj; dr[j] = drj; dc[j] = dCand;
            dRz[j] = dzj; dRr[j] = drj; dRc[j] = dCand * rj;
            dhn[j] = dhv * zj;
        }
    }
}
