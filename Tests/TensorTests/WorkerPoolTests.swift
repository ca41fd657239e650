import Dispatch
import Synchronization
@testable import Tensor
import XCTest

/// The worker pool behind every parallel loop: each chunk of each job runs exactly once, whether
/// the workers are polling, parked or busy with another caller's job.
final class WorkerPoolTests: XCTestCase {
    func testEveryChunkOfEveryJobRunsExactlyOnce() {
        let slots = 16, jobs = 5_000
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: slots)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: slots)
        for job in 0..<jobs {
            let chunks = 2 + job % (slots - 1)
            // Some jobs start after the workers have parked, most while they poll.
            if job % 997 == 0 { usleep(UInt32(WorkerPool.spinNanoseconds / 1000) * 2) }
            WorkerPool.shared.run(chunks) { chunk in counts[chunk] += 1 }  // chunks are disjoint slots
        }
        var expected = [Int](repeating: 0, count: slots)
        for job in 0..<jobs { for chunk in 0..<(2 + job % (slots - 1)) { expected[chunk] += 1 } }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: counts, count: slots)), expected)
    }

    func testCallersOnSeveralThreadsEachGetTheirOwnLoopDone() {
        let callers = 4, count = 50_000
        let totals = (0..<callers).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: count) }
        defer { totals.forEach { $0.deallocate() } }
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            let out = totals[caller]
            out.initialize(repeating: 0, count: count)
            for round in 1...200 {
                Parallel.forEach(count, costPerItem: HandOffCost.bounds.upperBound) { range in
                    for i in range { out[i] += Float(round % 3) }
                }
            }
        }
        let expected = Float((1...200).reduce(0) { $0 + $1 % 3 })
        for caller in 0..<callers {
            XCTAssertEqual((0..<count).filter { totals[caller][$0] != expected }.count, 0, "caller \(caller)")
        }
    }

    func testNestedLoopsInsideAChunkRunOnItsThread() {
        let inner = Atomic<Int>(0)
        Parallel.inParts(max(2, Parallel.cores)) { _ in
            XCTAssertTrue(Parallel.isNested)
            Parallel.forEach(10, costPerItem: HandOffCost.bounds.upperBound) { range in
                XCTAssertEqual(range, 0..<10)  // not split again
                inner.add(1, ordering: .relaxed)
            }
        }
        XCTAssertEqual(inner.load(ordering: .relaxed), max(2, Parallel.cores))
        XCTAssertFalse(Parallel.isNested)
    }
}
