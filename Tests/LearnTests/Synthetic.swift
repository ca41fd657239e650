import Tensor
@testable import Learn

/// A small image task: a bright 3×3 blob in one of four quadrants of an 8×8 noisy image; the
/// quadrant is the class. Learnable by both an MLP and a CNN, impossible at chance (25%).
func quadrantBlobs(count: Int, seed: UInt64) throws -> InMemoryBatches {
    var rng = SeededGenerator(seed: seed)
    var x = Tensor(zeros: [count, 8, 8, 1])
    var labels: [Int32] = []
    let p = x.mutablePointer
    for i in 0..<count {
        let c = Int(rng.next() % 4)
        labels.append(Int32(c))
        for j in 0..<64 { p[i * 64 + j] = 0.3 * rng.normal() }
        let top = (c / 2) * 4 + Int(rng.next() % 2), left = (c % 2) * 4 + Int(rng.next() % 2)
        for dy in 0..<3 { for dx in 0..<3 { p[i * 64 + (top + dy) * 8 + left + dx] += 1 } }
    }
    return try InMemoryBatches(inputs: x, labels: labels, classCount: 4)
}
