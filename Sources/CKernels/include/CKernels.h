// Umbrella header of the CKernels module: loops that gain from wider vectors than the Swift
// compiler can target. Swift code is built for baseline x86-64 (4 floats per instruction); each
// kernel here is compiled for AVX-512, AVX2+FMA and the baseline, and the loader picks the widest
// the CPU has, so one binary runs everywhere.
#include "activations.h"
#include "direct_convolution.h"
#include "elementwise.h"
#include "fast_math.h"
#include "folio_conv_gemm.h"
#include "folio_gemm.h"
#include "host_facts.h"
#include "normalization.h"
#include "optimizer_steps.h"
#include "pixel_conversion.h"
#include "recurrent_cells.h"
#include "row_broadcast.h"
#include "softmax.h"
#include "spin_wait.h"
#include "window_kernels.h"
#include "winograd_convolution.h"
