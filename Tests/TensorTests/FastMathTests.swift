import XCTest
import CKernels
@testable import Tensor
#if canImport(Glibc)
import Glibc
#endif

/// fast_math.h's approximations against libm.
final class FastMathTests: XCTestCase {
    func testFastTanhAndSigmoidMatchLibm() {
        var worstTanh: Float = 0, worstSigmoid: Float = 0
        var x: Float = -20
        while x <= 20 {
            worstTanh = max(worstTanh, abs(fast_tanh(x) - tanhf(x)))
            worstSigmoid = max(worstSigmoid, abs(fast_sigmoid(x) - 1 / (1 + expf(-x))))
            x += 0.000_37
        }
        XCTAssertLessThan(worstTanh, 2e-6)
        XCTAssertLessThan(worstSigmoid, 2e-6)
        XCTAssertEqual(fast_tanh(1e-5), 1e-5)
        XCTAssertEqual(fast_tanh(100), 1, accuracy: 1e-6)
        XCTAssertEqual(fast_tanh(-100), -1, accuracy: 1e-6)
    }

    /// Relative error within 2.5 float ulps of expf wherever e^x is a normal float; 0 below, +inf above.
    func testFastExpMatchesLibmAndItsEdges() {
        var worst = 0.0, x: Float = -87.33
        while x <= 88.72 {
            let reference = Double(expf(x))
            worst = max(worst, abs(Double(fast_exp(x)) - reference) / reference)
            x += 0.000_97
        }
        for v in stride(from: Float(-1e-3), through: 1e-3, by: 1e-6) {  // around n = 0, where r = x
            worst = max(worst, abs(Double(fast_exp(v)) - Double(expf(v))) / Double(expf(v)))
        }
        XCTAssertLessThan(worst, 3e-7)
        XCTAssertEqual(fast_exp(0), 1)
        for v: Float in [-87.34, -100, -1e4, -.greatestFiniteMagnitude, -.infinity] {
            XCTAssertEqual(fast_exp(v), 0, "e^\(v) flushes to 0")
        }
        for v: Float in [88.73, 100, .greatestFiniteMagnitude, .infinity] { XCTAssertEqual(fast_exp(v), .infinity) }
        XCTAssertEqual(fast_exp(88.72), expf(88.72), accuracy: expf(88.72) * 3e-7, "2^128 · e^r, just below overflow")
        XCTAssertTrue(fast_exp(.nan).isNaN)
    }

    /// The activation kernels run in C for wider vectors; they must give the scalar functions'
    /// values of fast_math.h's scalar functions (on every element, including the vector loop's remainder),
    /// in place or not, and pass NaN through rather than clamp it to ±1.
    func testVectorKernelsAgreeWithTheScalarFunctions() {
        let x: [Float] = (0..<1_003).map { Float($0) * 0.031 - 15.5 } + [1e-5, -0.0003, .nan]
        var y = [Float](repeating: 0, count: x.count)
        for f in [Activation.tanh, .sigmoid] {
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer {
                    f.forward(xs.baseAddress!, into: $0.baseAddress!, count: x.count, alpha: 0)
                }
            }
            let scalar: (Float) -> Float = f == .tanh ? { fast_tanh($0) } : { fast_sigmoid($0) }
            for i in 0..<(x.count - 1) { XCTAssertEqual(y[i], scalar(x[i]), accuracy: 1e-6, "\(f) at \(x[i])") }
            XCTAssertTrue(y[x.count - 1].isNaN, "\(f) of NaN")
            var inPlace = x
            inPlace.withUnsafeMutableBufferPointer {
                f.forward($0.baseAddress!, into: $0.baseAddress!, count: x.count, alpha: 0)
            }
            XCTAssertEqual(inPlace.dropLast(), y.dropLast(), "\(f) in place")
        }
    }
}
