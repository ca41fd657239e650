import RunLimits
import XCTest
@testable import Datasets

/// Generated sets whose counts come from a cell: a count of 10⁹ is a memory-budget error before
/// any point is made, and sizes that would overflow are errors too.
final class GeneratedSizeTests: XCTestCase {
    override func setUp() {
        super.setUp()
        RunBudget.shared.startRun(seconds: nil, memory: MemoryUsage.residentBytes() + (64 << 20))
    }

    override func tearDown() {
        RunBudget.shared.reset()
        super.tearDown()
    }

    func testToySetsWithABillionPointsExceedTheBudget() {
        let billion = 1_000_000_000
        assertLimit(try ToySets.xor(count: billion), contains: ["1000000000 XOR points", "11.2 GB", "memory budget"])
        assertLimit(try ToySets.twoSpirals(count: billion), contains: ["two spirals", "22.4 GB"])
        assertLimit(try ToySets.blobs(countPerClass: billion, classCount: 3), contains: ["3 blobs", "memory budget"])
        assertLimit(try ToySets.grid(resolution: 100_000, classCount: 2) { _, _ in 0 }, contains: ["100000 × 100000"])
        assertLimit(try ToySets.grid(resolution: Int.max, classCount: 2) { _, _ in 0 }, contains: ["memory budget"])
        assertDatasetError(try ToySets.blobs(countPerClass: 1, classCount: billion),
                           contains: ["at most 100000 classes"])
    }

    func testSequencesWithHugeCountsOrStringsAreBounded() throws {
        assertLimit(try SequenceDataset(language: .anbn, count: 1_000_000_000),
                    contains: ["1000000000 sequences", "memory budget"])
        assertLimit(try SequenceDataset(language: .anbn, count: 1, steps: Int.max), contains: ["memory budget"])
        // A huge maxN makes long strings, but only the symbols of the sample are made.
        let long = try SequenceDataset(language: .anb2nc3n, count: 2, steps: 10, minN: 1, maxN: Int.max - 1, seed: 1)
        XCTAssertEqual(long.symbols.count, 22)
    }

    /// The same seed still gives the same samples as before the bound (the generator draws as many numbers).
    func testSequencesUnchangedForOrdinaryArguments() throws {
        let data = try SequenceDataset(language: .anbn, count: 3, steps: 12, minN: 1, maxN: 4, seed: 7)
        XCTAssertEqual(data.symbols.count, 39)
        for index in 0..<3 {
            let text = data.string(at: index)
            XCTAssertTrue(text.hasPrefix("a"), text)
            XCTAssertEqual(text.count, 13)
        }
    }
}
