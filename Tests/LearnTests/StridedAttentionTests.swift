import XCTest
import Tensor
@testable import Learn

/// Attention reads each head in place in [B, T, H·D] (rows of D at stride H·D): its output and gradients
/// against a naive per-head reference in Double, with several heads, causal or not; and with one variable
/// as query, key and value, where three gradients land in one buffer.
final class StridedAttentionTests: XCTestCase {
    private let b = 2, t = 5, h = 3, d = 4

    private struct Reference { var y, dq, dk, dv: [Double] }

    /// softmax(q·kᵀ/√D)·v per head and its gradients for an upstream gradient dy; [B, T, H·D] each.
    private func reference(_ q: [Float], _ k: [Float], _ v: [Float], dy: [Double], causal: Bool) -> Reference {
        let zeros = [Double](repeating: 0, count: q.count), scale = 1 / Double(d).squareRoot()
        var r = Reference(y: zeros, dq: zeros, dk: zeros, dv: zeros)
        for n in 0..<b {
            for g in 0..<h {
                func at(_ i: Int, _ e: Int) -> Int { (n * t + i) * h * d + g * d + e }
                func dot(_ x: [Float], _ i: Int, _ y: [Float], _ j: Int) -> Double {
                    (0..<d).reduce(0.0) { $0 + Double(x[at(i, $1)]) * Double(y[at(j, $1)]) }
                }
                var w = [[Double]](repeating: [Double](repeating: 0, count: t), count: t)
                for i in 0..<t {
                    let allowed = causal ? i + 1 : t, s = (0..<allowed).map { dot(q, i, k, $0) * scale }
                    let m = s.max()!, e = s.map { exp($0 - m) }, sum = e.reduce(0, +)
                    for j in 0..<allowed { w[i][j] = e[j] / sum }
                }
                for i in 0..<t {
                    let dW = (0..<t).map { j in (0..<d).reduce(0.0) { $0 + dy[at(i, $1)] * Double(v[at(j, $1)]) } }
                    let mean = (0..<t).reduce(0.0) { $0 + w[i][$1] * dW[$1] }
                    for j in 0..<t {
                        let dS = w[i][j] * (dW[j] - mean) * scale
                        for e in 0..<d {
                            r.y[at(i, e)] += w[i][j] * Double(v[at(j, e)])
                            r.dv[at(j, e)] += w[i][j] * dy[at(i, e)]
                            r.dq[at(i, e)] += dS * Double(k[at(j, e)])
                            r.dk[at(j, e)] += dS * Double(q[at(i, e)])
                        }
                    }
                }
            }
        }
        return r
    }

    func testHeadsReadInPlaceMatchTheNaiveReference() throws {
        for causal in [false, true] {
            let q = randomVariable([b, t, h * d], seed: 60), k = randomVariable([b, t, h * d], seed: 61),
                v = randomVariable([b, t, h * d], seed: 62), targets = randomVariable([b, t, h * d], seed: 63).value
            let ws = AttentionWorkspace(), tape = Tape()
            let y = try Ops.attention(query: q, key: k, value: v, heads: h, causal: causal, workspace: ws, tape: tape)
            tape.backward(from: try Ops.meanSquaredError(y, targets: targets, tape: tape))
            let n = y.value.count, dy = (0..<n).map { 2 * Double(y.value[flat: $0] - targets[flat: $0]) / Double(n) }
            let r = reference(q.value.scalars, k.value.scalars, v.value.scalars, dy: dy, causal: causal)
            for (name, ours, expected) in [("y", y.value, r.y), ("dq", q.grad, r.dq), ("dk", k.grad, r.dk),
                                           ("dv", v.grad, r.dv)] {
                for i in 0..<n {
                    XCTAssertEqual(Double(ours[flat: i]), expected[i], accuracy: 1e-6 + 1e-5 * abs(expected[i]),
                                   "causal \(causal): \(name)[\(i)]")
                }
            }
            let w = ws.weights
            XCTAssertEqual(w.shape, [b, h, t, t])
            for row in 0..<(b * h * t) where causal {
                for j in (row % t + 1)..<t { XCTAssertEqual(w[flat: row * t + j], 0, "weight above the diagonal") }
            }
        }
    }

    func testOneVariableAsQueryKeyAndValue() throws {
        let x = randomVariable([b, t, h * d], seed: 64)
        for causal in [false, true] {
            try assertGradientsMatch([x], step: 1e-3) {
                try Ops.attention(query: x, key: x, value: x, heads: self.h, causal: causal, tape: $0)
            }
        }
    }
}
