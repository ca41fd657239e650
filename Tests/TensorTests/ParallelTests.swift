import Synchronization
@testable import Tensor
import XCTest

final class ParallelTests: XCTestCase {
    func testBreakEvenIsTheWorkWhoseSavingEqualsTheHandOff() {
        // 2 cores save half of 0.1 ns per unit: a 2 µs hand-off pays from 40,000 units on.
        XCTAssertEqual(HandOffCost.breakEven(handOffNanoseconds: 2_000, unitNanoseconds: 0.1, cores: 2), 40_000)
        // 4 cores save three quarters: 30,000 units.
        XCTAssertEqual(HandOffCost.breakEven(handOffNanoseconds: 2_250, unitNanoseconds: 0.1, cores: 4), 30_000)
    }

    func testBreakEvenStaysWithinItsBoundsWhateverTheTimingSays() {
        let bounds = HandOffCost.bounds
        XCTAssertEqual(HandOffCost.breakEven(handOffNanoseconds: 10, unitNanoseconds: 0.1, cores: 2), bounds.lowerBound)
        XCTAssertEqual(HandOffCost.breakEven(handOffNanoseconds: 1e9, unitNanoseconds: 0.1, cores: 2),
                       bounds.upperBound)
        XCTAssertEqual(HandOffCost.breakEven(handOffNanoseconds: 1_000, unitNanoseconds: 0, cores: 2),
                       bounds.lowerBound)
        XCTAssertEqual(HandOffCost.breakEven(handOffNanoseconds: .infinity, unitNanoseconds: 0.1, cores: 2),
                       bounds.lowerBound)
        XCTAssertTrue(bounds.contains(Parallel.minimumSplitWork) || Parallel.cores < 2
                      || ProcessInfo.processInfo.environment["FOLIO_SPLIT_WORK"] != nil)
    }

    func testSmallLoopsRunOnTheCallerInOnePiece() {
        for split in [false, true] {
            let calls = Atomic<Int>(0)
            let threshold = split ? Parallel.minimumWork : Parallel.minimumSplitWork
            let count = max(1, threshold / 8 - 1)
            let body: (Range<Int>) -> Void = { range in
                XCTAssertEqual(range, 0..<count)
                calls.add(1, ordering: .relaxed)
            }
            if split {
                Parallel.forEachChunk(count, costPerItem: 8) { chunk, range in XCTAssertEqual(chunk, 0); body(range) }
            } else {
                Parallel.forEach(count, costPerItem: 8, body)
            }
            XCTAssertEqual(calls.load(ordering: .relaxed), 1)
        }
    }

    func testLargeLoopsCoverTheirRangeOnceInDisjointChunks() throws {
        try XCTSkipIf(Parallel.cores < 2, "one core: nothing is split")
        let count = 1_000
        let seen = UnsafeMutablePointer<Int>.allocate(capacity: count)
        defer { seen.deallocate() }
        seen.initialize(repeating: 0, count: count)
        let chunks = Atomic<Int>(0)
        Parallel.forEach(count, costPerItem: HandOffCost.bounds.upperBound) { range in
            chunks.add(1, ordering: .relaxed)
            for i in range { seen[i] += 1 }
        }
        XCTAssertEqual(chunks.load(ordering: .relaxed), min(Parallel.cores, count))
        XCTAssertEqual((0..<count).filter { seen[$0] != 1 }, [])
    }
}
