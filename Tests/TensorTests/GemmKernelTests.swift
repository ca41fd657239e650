import CKernels
import XCTest
@testable import Tensor

/// Folio's SGEMM (AVX-512 and AVX2 kernels, as this CPU runs them) against OpenBLAS, and packed right operands
/// against plain products: every transpose combination, alpha and beta, edge sizes around the kernels' 12×32
/// and 6×16 tiles, and sizes big enough to be split across cores.
final class GemmKernelTests: XCTestCase {
    private struct Case { let m, n, k: Int }
    private let cases = [Case(m: 1, n: 1, k: 1), Case(m: 1, n: 512, k: 128), Case(m: 64, n: 1, k: 37),
                         Case(m: 13, n: 33, k: 17), Case(m: 12, n: 32, k: 256), Case(m: 25, n: 65, k: 300),
                         Case(m: 64, n: 512, k: 128), Case(m: 300, n: 70, k: 9), Case(m: 200, n: 300, k: 400),
                         Case(m: 7, n: 17, k: 5), Case(m: 6, n: 16, k: 64), Case(m: 11, n: 150, k: 70)]
    /// Folio's settings on this CPU: its kernels at each vector width the CPU runs.
    private let folioSettings = Gemm.Setting.available.filter { $0 != .openBLAS }

    override func tearDown() { Gemm.Setting.standard.select() }

    func testFolioKernelAgreesWithOpenBLAS() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "this CPU has neither AVX-512 nor AVX2: OpenBLAS runs all")
        var rng = SeededGenerator(seed: 3)
        for c in cases {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                for (alpha, beta) in [(Float(1), Float(0)), (0.5, 1), (2, 0.25)] {
                    let a = Tensor.normal(shape: ta ? [c.k, c.m] : [c.m, c.k], using: &rng)
                    let b = Tensor.normal(shape: tb ? [c.n, c.k] : [c.k, c.n], using: &rng)
                    let start = Tensor.normal(shape: [c.m, c.n], using: &rng)
                    func product(_ setting: Gemm.Setting) -> Tensor {
                        setting.select()
                        var out = start.copy()
                        Gemm.multiply(a.pointer, transposeA: ta, b.pointer, transposeB: tb, into: out.mutablePointer,
                                      m: c.m, n: c.n, k: c.k, alpha: alpha, beta: beta)
                        return out
                    }
                    let reference = product(.openBLAS)
                    let scale = Float(c.k).squareRoot() * 1e-5 * max(1, reference.scalars.map(abs).max() ?? 0)
                    for setting in folioSettings {
                        XCTAssertLessThan(product(setting).maxAbsDifference(reference), scale,
                                          "\(setting) \(c.m)×\(c.n)×\(c.k) transposeA \(ta) transposeB \(tb) "
                                          + "alpha \(alpha) beta \(beta)")
                    }
                }
            }
        }
    }

    /// The cache blocks come from the CPU (kc from the L1d, mc from the L2): this checks that the blocks
    /// other CPUs would get (a 32 KiB L1d: kc 160, mc 384; a 2 MiB L2: mc 480; the smallest) multiply
    /// correctly here, on products several blocks deep and tall, and that this CPU's own fit its L1d.
    func testEveryCacheBlockingGivesTheSameProduct() throws {
        try XCTSkipUnless(Gemm.folioKernelAvailable, "this CPU has neither AVX-512 nor AVX2: OpenBLAS runs all")
        var kc = 0, mc = 0
        folio_gemm_block_sizes(&kc, &mc)
        defer { folio_gemm_set_blocks(kc, mc) }
        let l1d = sysconf(Int32(_SC_LEVEL1_DCACHE_SIZE))
        // B micro-panels are 32 columns wide for the AVX-512 tiles, half that for the AVX2 ones
        let bColumns = Gemm.Setting.standard == .folio(bits: 256) ? 16 : 32
        if l1d > 0 { XCTAssertLessThanOrEqual(kc * (12 + bColumns) * 4, l1d) }
        XCTAssertTrue((16...256).contains(kc) && kc % 16 == 0 && (12...480).contains(mc) && mc % 12 == 0)
        var rng = SeededGenerator(seed: 5)
        for (blockK, blockM) in [(160, 384), (256, 480), (16, 12), (kc, mc)] {
            for (m, n, k) in [(500, 200, 700), (37, 300, 333)] {
                for (ta, tb) in [(false, false), (true, true)] {
                    let a = Tensor.normal(shape: ta ? [k, m] : [m, k], using: &rng)
                    let b = Tensor.normal(shape: tb ? [n, k] : [k, n], using: &rng)
                    func product(_ setting: Gemm.Setting) -> Tensor {
                        setting.select()
                        var out = Tensor(zeros: [m, n])
                        Gemm.multiply(a.pointer, transposeA: ta, b.pointer, transposeB: tb, into: out.mutablePointer,
                                      m: m, n: n, k: k)
                        return out
                    }
                    folio_gemm_set_blocks(blockK, blockM)
                    let reference = product(.openBLAS)
                    for setting in folioSettings {
                        XCTAssertLessThan(product(setting).maxAbsDifference(reference), Float(k).squareRoot() * 1e-4,
                                          "\(setting) kc \(blockK) mc \(blockM): \(m)×\(n)×\(k) \(ta) \(tb)")
                    }
                }
            }
        }
    }

    /// Runs on every CPU (the comparisons above need Folio's kernels): its AVX-512 kernels are chosen exactly
    /// when /proc/cpuinfo lists avx512f, its AVX2 ones when it lists avx2 and fma but not avx512f, OpenBLAS
    /// otherwise; and whichever is chosen gives the product a plain triple loop gives, on one core and split
    /// across cores.
    func testDispatchFollowsTheCPUAndEitherKernelMultiplies() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        let expected: Gemm.Setting = flags.contains("avx512f") ? .folio(bits: 512)
            : flags.contains("avx2") && flags.contains("fma") ? .folio(bits: 256) : .openBLAS
        XCTAssertEqual(Gemm.Setting.standard, expected, "CPU detection")
        XCTAssertEqual(Gemm.folioKernelAvailable, expected != .openBLAS)
        for setting in Gemm.Setting.available {  // selecting a narrower set changes neither the list nor the start
            setting.select()
            XCTAssertEqual(Gemm.Setting.standard, expected, "after selecting \(setting)")
            XCTAssertEqual(Gemm.Setting.available.first, expected, "after selecting \(setting)")
        }
        Gemm.Setting.standard.select()  // what a fresh process starts with
        var rng = SeededGenerator(seed: 11)
        for c in [Case(m: 3, n: 5, k: 7), Case(m: 13, n: 33, k: 17), Case(m: 96, n: 80, k: 90)] {
            let a = Tensor.normal(shape: [c.m, c.k], using: &rng), b = Tensor.normal(shape: [c.k, c.n], using: &rng)
            var out = Tensor(repeating: 0, shape: [c.m, c.n])
            Gemm.multiply(a.pointer, b.pointer, into: out.mutablePointer, m: c.m, n: c.n, k: c.k)
            let (x, y, result) = (a.scalars, b.scalars, out.scalars)
            for i in 0..<c.m {
                for j in 0..<c.n {
                    let expected = (0..<c.k).reduce(Float(0)) { $0 + x[i * c.k + $1] * y[$1 * c.n + j] }
                    XCTAssertEqual(result[i * c.n + j], expected, accuracy: 1e-4 * Float(c.k),
                                   "\(Gemm.kernel) \(c.m)×\(c.n)×\(c.k) at [\(i), \(j)]")
                }
            }
        }
    }

    func testBetaZeroIgnoresNaNInTheOutput() {
        let a = Tensor(repeating: 1, shape: [5, 7]), b = Tensor(repeating: 2, shape: [7, 3])
        var c = Tensor(repeating: .nan, shape: [5, 3])
        Gemm.multiply(a.pointer, b.pointer, into: c.mutablePointer, m: 5, n: 3, k: 7)
        XCTAssertEqual(c.scalars, Array(repeating: 14, count: 15))
    }

    func testPackedOperandGivesThePlainProduct() {
        var rng = SeededGenerator(seed: 5)
        for setting in Gemm.Setting.available {
            setting.select()
            for c in cases {
                for (ta, tb) in [(false, false), (true, true)] {
                    let a = Tensor.normal(shape: ta ? [c.k, c.m] : [c.m, c.k], using: &rng)
                    let b = Tensor.normal(shape: tb ? [c.n, c.k] : [c.k, c.n], using: &rng)
                    let start = Tensor.normal(shape: [c.m, c.n], using: &rng)
                    var plain = start.copy(), packed = start.copy()
                    Gemm.multiply(a.pointer, transposeA: ta, b.pointer, transposeB: tb, into: plain.mutablePointer,
                                  m: c.m, n: c.n, k: c.k, alpha: 0.5, beta: 1)
                    let operand = PackedOperand()
                    operand.pack(b.pointer, transposeB: tb, k: c.k, n: c.n)
                    operand.multiply(a.pointer, transposeA: ta, into: packed.mutablePointer,
                                     m: c.m, alpha: 0.5, beta: 1)
                    XCTAssertLessThan(packed.maxAbsDifference(plain),
                                      Float(c.k).squareRoot() * 1e-5 * max(1, plain.scalars.map(abs).max() ?? 0),
                                      "\(setting) \(c.m)×\(c.n)×\(c.k) transposed \(ta)")
                }
            }
        }
    }

    /// The AVX-512 and AVX2 kernels pack B differently: an operand packed for one width and multiplied after a
    /// switch to the other must still give the product (on CPUs that run both; elsewhere the width never changes).
    func testPackedOperandSurvivesASwitchOfKernelWidth() {
        var rng = SeededGenerator(seed: 9)
        let (m, n, k) = (13, 70, 40)
        let a = Tensor.normal(shape: [m, k], using: &rng), b = Tensor.normal(shape: [k, n], using: &rng)
        var expected = Tensor(zeros: [m, n])
        Gemm.Setting.openBLAS.select()
        Gemm.multiply(a.pointer, b.pointer, into: expected.mutablePointer, m: m, n: n, k: k)
        for packedWith in folioSettings {
            for multipliedWith in folioSettings {
                packedWith.select()
                let operand = PackedOperand()
                operand.pack(b.pointer, k: k, n: n)
                multipliedWith.select()
                var out = Tensor(zeros: [m, n])
                operand.multiply(a.pointer, into: out.mutablePointer, m: m)
                XCTAssertLessThan(out.maxAbsDifference(expected), 1e-4,
                                  "packed for \(packedWith), multiplied with \(multipliedWith)")
            }
        }
    }

    /// Blocks inside larger matrices, read and written with row strides (attention's heads): the product of
    /// compact copies, on either kernel, and the columns beside the block of C untouched.
    func testStridedProductOnThisThreadMatchesCompactCopies() {
        var rng = SeededGenerator(seed: 7)
        for setting in Gemm.Setting.available {
            setting.select()
            for c in [Case(m: 5, n: 4, k: 3), Case(m: 28, n: 28, k: 64), Case(m: 13, n: 33, k: 17)] {
                for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                    let (ar, ac) = ta ? (c.k, c.m) : (c.m, c.k), (br, bc) = tb ? (c.n, c.k) : (c.k, c.n)
                    let lda = ac + 5, ldb = bc + 2, ldc = c.n + 3  // each block sits at column 1 of a wider matrix
                    let a = Tensor.normal(shape: [ar * lda], using: &rng)
                    let b = Tensor.normal(shape: [br * ldb], using: &rng)
                    var strided = Tensor.normal(shape: [c.m * ldc], using: &rng), compact = Tensor(zeros: [c.m, c.n])
                    func block(_ t: Tensor, _ rows: Int, _ cols: Int, _ ld: Int) -> Tensor {
                        var out = Tensor(zeros: [rows, cols])
                        for i in 0..<rows { for j in 0..<cols { out[flat: i * cols + j] = t[flat: i * ld + 1 + j] } }
                        return out
                    }
                    let before = strided.copy()
                    for i in 0..<c.m { for j in 0..<c.n { compact[flat: i * c.n + j] = before[flat: i * ldc + 1 + j] } }
                    let compactA = block(a, ar, ac, lda), compactB = block(b, br, bc, ldb)
                    Gemm.multiply(compactA.pointer, transposeA: ta, compactB.pointer, transposeB: tb,
                                  into: compact.mutablePointer, m: c.m, n: c.n, k: c.k, alpha: 0.5, beta: 1)
                    Gemm.multiplyOnThisThread(a.pointer + 1, transposeA: ta, lda: lda, b.pointer + 1, transposeB: tb,
                                              ldb: ldb, into: strided.mutablePointer + 1, ldc: ldc, m: c.m, n: c.n,
                                              k: c.k, alpha: 0.5, beta: 1)
                    let name = "\(setting) \(c.m)×\(c.n)×\(c.k) transposeA \(ta) transposeB \(tb)"
                    XCTAssertLessThan(block(strided, c.m, c.n, ldc).maxAbsDifference(compact), 1e-4, name)
                    for i in 0..<c.m {
                        for j in [0] + Array((c.n + 1)..<ldc) {
                            XCTAssertEqual(strided[flat: i * ldc + j], before[flat: i * ldc + j], "beside C: \(name)")
                        }
                    }
                }
            }
        }
    }
}
