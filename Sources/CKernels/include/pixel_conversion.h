#ifndef FOLIO_PIXEL_CONVERSION_H
#define FOLIO_PIXEL_CONVERSION_H
#include <stdint.h>

/// dst[i] = src[i]·scale + shift over n values: one pass from stored bytes to model inputs.
void folio_bytes_to_floats(long n, const uint8_t *src, float *dst, float scale, float shift);

/// dst[i] = src[i]·scale + shift over n floats (dst may be src).
void folio_floats_affine(long n, const float *src, float *dst, float scale, float shift);

/// A batch of stored images in one call: image rows[k] (`size` bytes from base + rows[k]·size) goes to
/// dst + k·size as floats, each scaled as in folio_bytes_to_floats.
void folio_gather_bytes_to_floats(long count, const long *rows, const uint8_t *base, long size, float *dst,
                                  float scale, float shift);

#endif
