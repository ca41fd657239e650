import CKernels

// 2×2 max pooling that records which tap won (0…3, as a Float so the loops stay in SIMD
// registers), for the fused convolution + pooling op: its backward rebuilds the convolution's
// output gradient from the pooled gradient and these codes without keeping the convolution's
// output at all.

extension Kernels {
    /// x: [N, H, W, C] -> y, codes: [N, H/2, W/2, C]; code t means tap t won (row-major, first
    /// maximal tap on ties). With `bias` ([C]) and `relu`, y = max(max of taps + bias, 0): adding
    /// a per-channel constant and relu both commute with the max, so the convolution before
    /// never needs its own bias-and-relu pass over the 4× larger unpooled output.
    /// Serial: the fused op calls it per block on each core. The loops are C, vectorised over channels.
    public static func maxPool2x2(_ x: UnsafePointer<Float>, _ g: WindowGeometry,
                                  bias: UnsafePointer<Float>? = nil, relu: Bool = false,
                                  into y: UnsafeMutablePointer<Float>, codes: UnsafeMutablePointer<Float>) {
        var window = g.cWindow
        folio_max_pool_2x2_codes(x, g.batch, &window, bias, relu ? 1 : 0, y, codes)
    }

    /// The adjoint: dx = 0 everywhere except each window's winning tap, which gets dy — or 0
    /// there too when `positiveOnly` and the pooled value y ≤ 0 (a relu before the pool had zero
    /// slope there). dy, y, codes: [N, Ho, Wo, C] -> dx: [N, H, W, C], fully overwritten. Serial.
    /// `biasGradient` ([C]), if given, gets += Σ dx per channel, summed here over the pooled
    /// positions instead of over the 4× larger dx afterwards.
    public static func maxPool2x2Backward(dy: UnsafePointer<Float>, y: UnsafePointer<Float>,
                                          codes: UnsafePointer<Float>, _ g: WindowGeometry, positiveOnly: Bool,
                                          into dx: UnsafeMutablePointer<Float>,
                                          biasGradient db: UnsafeMutablePointer<Float>? = nil) {
        var window = g.cWindow
        folio_max_pool_2x2_codes_backward(dy, y, codes, g.batch, &window, positiveOnly ? 1 : 0, dx, db)
    }
}
