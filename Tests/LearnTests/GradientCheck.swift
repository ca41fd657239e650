import XCTest
import Tensor
@testable import Learn

/// Compares every input's backward gradient with central finite differences of the scalar
/// head loss = mean((f(inputs) - targets)²), with fixed random targets so the check is strict.
func assertGradientsMatch(_ inputs: [Variable], seed: UInt64 = 7, step: Float = 1e-2, tolerance: Float = 2e-2,
                          file: StaticString = #filePath, line: UInt = #line,
                          _ f: (Tape?) throws -> Variable) throws {
    var rng = SeededGenerator(seed: seed)
    let probe = try f(nil)
    let targets = Tensor.normal(shape: probe.shape, using: &rng)
    func loss() throws -> Double {
        let y = try f(nil)
        return Double(try Ops.meanSquaredError(y, targets: targets, tape: nil).value[flat: 0])
    }
    let tape = Tape()
    let y = try f(tape)
    let l = try Ops.meanSquaredError(y, targets: targets, tape: tape)
    tape.backward(from: l)
    var checked = 0
    for (which, v) in inputs.enumerated() where v.requiresGrad {
        XCTAssertEqual(v.grad.count, v.value.count, "input \(which) got no gradient", file: file, line: line)
        let analytic = v.grad
        for i in 0..<v.value.count {
            let original = v.value[flat: i]
            v.value[flat: i] = original + step
            let up = try loss()
            v.value[flat: i] = original - step
            let down = try loss()
            v.value[flat: i] = original
            let numeric = Float((up - down) / Double(2 * step))
            let a = analytic[flat: i]
            if abs(numeric - a) > tolerance * max(1, abs(numeric)) * 0.25 + 1e-3 {
                XCTFail("input \(which)[\(i)]: backward \(a) vs finite difference \(numeric)", file: file, line: line)
                return
            }
            checked += 1
        }
    }
    XCTAssertGreaterThan(checked, 0, "nothing was checked", file: file, line: line)
}

/// A random variable for tests.
func randomVariable(_ shape: [Int], seed: UInt64, scale: Float = 1, requiresGrad: Bool = true) -> Variable {
    var rng = SeededGenerator(seed: seed)
    return Variable(Tensor.normal(shape: shape, std: scale, using: &rng), requiresGrad: requiresGrad)
}
