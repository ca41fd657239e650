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

    func testPiecesCoverTheRangeOnceEachWithItsFixedBounds() {
        for (count, cost) in [(10, 1), (1_000, HandOffCost.bounds.upperBound), (3, HandOffCost.bounds.upperBound)] {
            let pieces = 7, used = min(pieces, count)
            let seen = UnsafeMutablePointer<Int>.allocate(capacity: count), ranges = Mutex([Int: Range<Int>]())
            defer { seen.deallocate() }
            seen.initialize(repeating: 0, count: count)
            Parallel.forEachPiece(count, pieces: pieces, costPerItem: cost) { slot, piece, range in
                XCTAssertTrue((0..<Parallel.cores).contains(slot))
                ranges.withLock { $0[piece] = range }
                for i in range { seen[i] += 1 }
            }
            XCTAssertEqual((0..<count).filter { seen[$0] != 1 }, [])
            let expected = (0..<used).map { (count * $0 / used)..<(count * ($0 + 1) / used) }
            XCTAssertEqual(ranges.withLock { dict in (0..<used).map { dict[$0] } }, expected)
        }
    }

    func testSmallPieceLoopsRunInPieceOrderOnTheCaller() {
        let order = Mutex([Int]())
        Parallel.forEachPiece(12, pieces: 4) { slot, piece, _ in
            XCTAssertEqual(slot, 0)
            order.withLock { $0.append(piece) }
        }
        XCTAssertEqual(order.withLock { $0 }, [0, 1, 2, 3])
    }

    /// The point of pieces: a core held up (here by a sleep in the first piece it takes) leaves the rest to
    /// the others, where halves would have made it run half of them.
    func testAFreeCoreTakesThePiecesASlowOneCannot() throws {
        try XCTSkipIf(Parallel.cores < 2, "one core: nothing is split")
        let pieces = 16, slept = Atomic<Bool>(false), perSlot = Mutex([Int: Int]())
        Parallel.forEachPiece(pieces, pieces: pieces, costPerItem: HandOffCost.bounds.upperBound) { slot, _, _ in
            if slept.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
                perSlot.withLock { $0[-1] = slot }
                usleep(100_000)
            }
            perSlot.withLock { $0[slot, default: 0] += 1 }
        }
        let counts = perSlot.withLock { $0 }, sleeper = counts[-1] ?? -2
        XCTAssertEqual(counts.filter { $0.key >= 0 }.values.reduce(0, +), pieces)
        XCTAssertEqual(counts[sleeper], 1, "the sleeping slot ran more than its one piece: \(counts)")
    }
}
