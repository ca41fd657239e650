import CKernels
import Synchronization

// Weight gradients are products Aᵀ·B of two tall matrices over a batch's rows (k = batch · positions) into a
// small C (the 64 × 64 kernel of an attention projection: k = 3584). Split by rows or columns of C, each core
// reads every row of A or B, half of which the other core has just written (the layers before split their
// work by those rows), and the products ran at half the SGEMM's rate. Split by k instead, each core reads
// the rows it wrote, and one small sum joins the halves.
//
// The halves are fixed by the shape alone, never by the number of cores: one core computes both in turn, so a
// result is the same on every machine.

extension Gemm {
    /// Whether C = alpha·Aᵀ·B + beta·C is computed as two products over the halves of k, added.
    static func sumsHalvesOfK(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int) -> Bool {
        transposeA && !transposeB && k >= 2048 && k >= 16 * max(m, n) && m * n <= maxHalfProduct
    }

    /// Largest C (in floats) whose second half is kept in a scratch buffer: 128 KB (and its column sums).
    static let maxHalfProduct = 32_768

    /// C = alpha·A[0..<h]ᵀ·B[0..<h] + beta·C, then C += alpha·A[h..<k]ᵀ·B[h..<k] with h = k / 2. The
    /// halves run at once on two cores (each split further by rows of C on machines with more) when the
    /// product is large. With `sums` (Folio's kernel only), B's column sums are added to it: each half's
    /// first rows of C sum that half's rows of B, the first half's into `sums`, the second's added after.
    static func multiplyInHalvesOfK(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                    into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
                                    alpha: Float, beta: Float, sums: UnsafeMutablePointer<Float>? = nil) {
        let h = k / 2, second = HalfProductScratch.take(count: m * n + n), secondSums = second + m * n
        defer { HalfProductScratch.give(second) }
        if sums != nil { secondSums.update(repeating: 0, count: n) }
        /// Rows r0..<r1 of half `half`: into C (first half, with beta) or the scratch (second half).
        func part(_ half: Int, rows r0: Int, _ r1: Int) {
            guard r0 < r1 else { return }
            let k0 = half == 0 ? 0 : h, target = half == 0 ? c : second, rows = half == 0 ? h : k - h
            let halfSums = half == 0 ? sums : secondSums
            if let halfSums, sums != nil, r0 == 0 {
                folio_sgemm_summing_b(1, r1 - r0, n, rows, alpha, a + k0 * m + r0, m, b + k0 * n, n,
                                      half == 0 ? beta : 0, target + r0 * n, n, halfSums)
            } else {
                raw(true, false, r1 - r0, n, rows, alpha, a + k0 * m + r0, m, b + k0 * n, n,
                    half == 0 ? beta : 0, target + r0 * n, n)
            }
        }
        let pieces = max(1, Parallel.cores / 2)
        if Parallel.cores < 2 || Parallel.isNested || m * n * k < parallelThreshold {
            part(0, rows: 0, m); part(1, rows: 0, m)
        } else {
            Parallel.inParts(2 * pieces) { p in
                let piece = p / 2
                part(p % 2, rows: m * piece / pieces, m * (piece + 1) / pieces)
            }
        }
        Kernels.accumulate(second, into: c, count: m * n)
        if let sums { Kernels.accumulate(secondSums, into: sums, count: n) }
    }
}

/// Scratch buffers for the second half's product, reused: one per thread multiplying at the same time.
enum HalfProductScratch {
    private static let free = Mutex<[UnsafeMutablePointer<Float>]>([])

    static func take(count: Int) -> UnsafeMutablePointer<Float> {
        let capacity = 2 * Gemm.maxHalfProduct  // C, then its column sums (n ≤ m·n)
        precondition(count <= capacity)
        return free.withLock { $0.popLast() } ?? UnsafeMutablePointer<Float>.allocate(capacity: capacity)
    }

    static func give(_ buffer: UnsafeMutablePointer<Float>) { free.withLock { $0.append(buffer) } }
}
