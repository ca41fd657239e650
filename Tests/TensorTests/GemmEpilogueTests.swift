import XCTest
@testable import Tensor

/// `Gemm.multiply(…, addingRowVector:relu:)`: the bias and relu of a layer's forward, applied by the kernel's
/// tiles as they store C. It must give exactly what the product followed by the separate pass gives (same bits:
/// the epilogue goes on the finished sum), for every shape, split and edge: ragged tiles, k over several k
/// blocks (where relu on a partial sum would be wrong), matrix-vector shapes, k = 0, and NaN through relu.
final class GemmEpilogueTests: XCTestCase {
    override func tearDown() { Gemm.Setting.standard.select() }

    private let shapes = [(1, 5, 7), (5, 1, 7), (3, 4, 0), (13, 33, 600), (64, 150, 784), (100, 17, 9),
                          (25, 64, 1), (7, 70, 300), (1792, 64, 64), (480, 96, 257), (40, 3000, 200)]

    /// op(A)·op(B) through the epilogue, and through the product then `Kernels.addRowVector(Relu)`.
    private func bothWays(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, relu: Bool,
                          rng: inout SeededGenerator) -> (fused: [Float], separate: [Float]) {
        let a = Tensor.normal(shape: [max(m * k, 1)], using: &rng)
        let b = Tensor.normal(shape: [max(k * n, 1)], using: &rng)
        let bias = Tensor.normal(shape: [n], using: &rng)
        var fused = Tensor(repeating: .nan, shape: [m, n]), separate = Tensor(repeating: .nan, shape: [m, n])
        Gemm.multiply(a.pointer, transposeA: transposeA, b.pointer, transposeB: transposeB,
                      into: fused.mutablePointer, m: m, n: n, k: k, addingRowVector: bias.pointer, relu: relu)
        Gemm.multiply(a.pointer, transposeA: transposeA, b.pointer, transposeB: transposeB,
                      into: separate.mutablePointer, m: m, n: n, k: k)
        if relu { Kernels.addRowVectorRelu(bias.pointer, to: separate.mutablePointer, rows: m, cols: n) }
        else { Kernels.addRowVector(bias.pointer, to: separate.mutablePointer, rows: m, cols: n) }
        return (fused.scalars, separate.scalars)
    }

    func testEpilogueGivesTheSameBitsAsTheSeparatePass() {
        var rng = SeededGenerator(seed: 7)
        for setting in Gemm.Setting.available {
            setting.select()
            for (m, n, k) in shapes {
                for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                    for relu in [false, true] {
                        let (fused, separate) = bothWays(m: m, n: n, k: k, transposeA: transposeA,
                                                         transposeB: transposeB, relu: relu, rng: &rng)
                        let label = "\(setting) \(m)×\(n)×\(k) Aᵀ \(transposeA) Bᵀ \(transposeB) relu \(relu)"
                        XCTAssertFalse(fused.contains { $0.isNaN }, "\(label): C left unwritten")
                        XCTAssertTrue(fused == separate, label)
                        if relu { XCTAssertFalse(fused.contains { $0 < 0 }, label) }
                    }
                }
            }
        }
    }

    /// Relu must see the whole sum: with k over several k blocks, each row's first block sums to a large
    /// negative number that later blocks more than cancel. Clamped per block, the result would be too large.
    func testReluSeesTheWholeSumNotABlock() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "the epilogue is Folio's kernel's")
        let (m, n, k) = (4, 32, 1024)
        var a = [Float](repeating: 1, count: m * k), b = [Float](repeating: 0, count: k * n)
        for p in 0..<k { for j in 0..<n { b[p * n + j] = p < 256 ? -1 : 0.5 } }  // −256 + 384 = 128
        let bias = [Float](repeating: -100, count: n)
        for setting in Gemm.Setting.available where setting != .openBLAS {
            setting.select()
            var c = [Float](repeating: .nan, count: m * n)
            a.withUnsafeMutableBufferPointer { a in
                Gemm.multiply(a.baseAddress!, b, into: &c, m: m, n: n, k: k, addingRowVector: bias, relu: true)
            }
            XCTAssertEqual(Set(c), [28], "\(setting)")
        }
    }

    func testNaNPassesRelu() {
        let (m, n, k) = (3, 20, 5)
        var a = [Float](repeating: 1, count: m * k)
        a[k] = .nan  // row 1 is NaN everywhere
        let b = [Float](repeating: -1, count: k * n), bias = [Float](repeating: 0, count: n)
        for setting in Gemm.Setting.available {  // n = 20: a whole AVX2 tile and a ragged one
            setting.select()
            var c = [Float](repeating: 0, count: m * n)
            Gemm.multiply(a, b, into: &c, m: m, n: n, k: k, addingRowVector: bias, relu: true)
            XCTAssertTrue(c[n..<(2 * n)].allSatisfy(\.isNaN), "\(setting)")
            XCTAssertTrue(c[..<n].allSatisfy { $0 == 0 } && c[(2 * n)...].allSatisfy { $0 == 0 }, "\(setting)")
        }
    }
}

/// `Gemm.multiply(…, addingColumnSumsOfBTo:)`: a weight gradient and its bias gradient (B's column sums) from
/// one read of B. C must be exactly the plain product's; the sums right, added to what was there, whichever
/// split ran (rows, columns, halves of k, one thread) and the same bits on one core as on several.
final class GemmColumnSumsTests: XCTestCase {
    override func tearDown() { Gemm.Setting.standard.select() }

    // (m, n, k): ragged, over several k blocks, matrix-vector, k = 0, rows split, columns split, halves of k
    private let shapes = [(7, 33, 600), (1, 40, 300), (30, 1, 50), (5, 9, 0), (0, 6, 4), (900, 64, 700),
                          (28, 512, 3584), (64, 64, 3584), (64, 17, 2300)]

    private func run(m: Int, n: Int, k: Int, transposeA: Bool, seed: UInt64) -> (c: [Float], plain: [Float],
                                                                               sums: [Float], expected: [Double]) {
        var rng = SeededGenerator(seed: seed)
        let a = Tensor.normal(shape: [max(m * k, 1)], using: &rng)
        let b = Tensor.normal(shape: [max(k * n, 1)], using: &rng)
        let start = Tensor.normal(shape: [max(m * n, 1)], using: &rng)
        let sumsStart = Tensor.normal(shape: [n], using: &rng)
        var c = start.copy(), plain = start.copy(), sums = sumsStart.copy()
        Gemm.multiply(a.pointer, transposeA: transposeA, b.pointer, into: c.mutablePointer, m: m, n: n, k: k,
                      alpha: 0.5, beta: 1, addingColumnSumsOfBTo: sums.mutablePointer)
        Gemm.multiply(a.pointer, transposeA: transposeA, b.pointer, into: plain.mutablePointer, m: m, n: n, k: k,
                      alpha: 0.5, beta: 1)
        let bv = b.scalars, s0 = sumsStart.scalars
        let expected = (0..<n).map { j in (0..<k).reduce(Double(s0[j])) { $0 + Double(bv[$1 * n + j]) } }
        return (c.scalars, plain.scalars, sums.scalars, expected)
    }

    func testProductUnchangedAndColumnSumsAdded() {
        for setting in Gemm.Setting.available {
            setting.select()
            for (i, (m, n, k)) in shapes.enumerated() {
                for transposeA in [false, true] {
                    let r = run(m: m, n: n, k: k, transposeA: transposeA, seed: UInt64(i))
                    let label = "\(setting) \(m)×\(n)×\(k) Aᵀ \(transposeA)"
                    XCTAssertTrue(r.c == r.plain, "\(label): the product changed")
                    for j in 0..<n {
                        XCTAssertEqual(Double(r.sums[j]), r.expected[j], accuracy: 1e-5 * Double(k + 1) + 1e-5,
                                       "\(label) column \(j)")
                    }
                }
            }
        }
    }

    func testSameBitsOnOneCoreAsOnSeveral() throws {
        try XCTSkipIf(Parallel.cores < 2, "one core: nothing to compare")
        for (i, (m, n, k)) in shapes.enumerated() {
            let several = run(m: m, n: n, k: k, transposeA: true, seed: UInt64(i))
            var one = several
            Parallel.inParts(1) { _ in one = run(m: m, n: n, k: k, transposeA: true, seed: UInt64(i)) }
            XCTAssertTrue(several.c == one.c && several.sums == one.sums, "\(m)×\(n)×\(k)")
        }
    }
}
