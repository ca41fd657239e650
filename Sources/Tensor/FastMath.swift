// Branch-free approximations of transcendental functions, so activation loops vectorise
// (calls into libm's tanhf/expf keep loops scalar). Accuracy: a few float ulps; tests compare
// with libm over a wide range.

/// tanh(x) as a 13/6-degree odd rational minimax approximation on [-7.9, 7.9] (beyond that
/// tanh is ±1 in Float). Near zero it returns x itself, where tanh(x) = x to float precision.
@inlinable @inline(__always)
public func fastTanh(_ x: Float) -> Float {
    let c = min(max(x, -7.905_311), 7.905_311)
    let x2 = c * c
    var p: Float = -2.760_768_5e-16
    p = p * x2 + 2.000_187_9e-13
    p = p * x2 - 8.604_671_5e-11
    p = p * x2 + 5.122_297_1e-08
    p = p * x2 + 1.485_722_4e-05
    p = p * x2 + 6.372_619_3e-04
    p = p * x2 + 4.893_524_6e-03
    p = p * c
    var q: Float = 1.198_258_4e-06
    q = q * x2 + 1.185_347_1e-04
    q = q * x2 + 2.268_434_6e-03
    q = q * x2 + 4.893_525_2e-03
    return abs(x) < 0.0004 ? x : p / q
}

/// The logistic function 1 / (1 + e^-x) via tanh: σ(x) = ½ + ½·tanh(x/2).
@inlinable @inline(__always)
public func fastSigmoid(_ x: Float) -> Float {
    0.5 + 0.5 * fastTanh(0.5 * x)
}
