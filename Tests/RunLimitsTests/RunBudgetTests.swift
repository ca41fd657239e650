import RunLimits
import XCTest

final class RunBudgetTests: XCTestCase {
    func testAnAllocationLargerThanTheWholeBudgetIsRefusedWithItsSize() {
        let budget = RunBudget()
        budget.startRun(seconds: nil, memory: 64 << 20)
        XCTAssertThrowsError(try budget.reserve(1 << 30, for: "a string of 1,073,741,824 characters")) { error in
            let limit = error as? LimitExceeded
            XCTAssertEqual(limit?.kind, .memory)
            let expected = "a string of 1,073,741,824 characters needs 1 GB"
            XCTAssertTrue(limit?.message.contains(expected) ?? false, "\(error)")
            XCTAssertTrue(limit?.message.contains("64 MB") ?? false, "\(error)")
        }
    }

    func testAnAllocationThatFitsIsAllowed() throws {
        let budget = RunBudget()
        budget.startRun(seconds: nil, memory: 16 << 30)
        try budget.reserve(4 << 20, for: "a table")
    }

    func testResidentMemoryCountsAgainstTheBudget() {
        let budget = RunBudget()
        // Any running process has more than 1 MB resident, so a 1 MB budget is already spent.
        budget.startRun(seconds: nil, memory: 1 << 20)
        XCTAssertGreaterThan(MemoryUsage.residentBytes(), 1 << 20)
        XCTAssertThrowsError(try budget.checkMemory("while building")) { error in
            XCTAssertTrue("\(error)".contains("while building"), "\(error)")
        }
    }

    func testACellsOwnMemoryLimitReplacesTheRunsUntilTheNextCell() {
        let budget = RunBudget()
        budget.startRun(seconds: nil, memory: 8 << 30)
        budget.startCell(seconds: nil, memory: 2 << 20)
        XCTAssertEqual(budget.memoryLimit, 2 << 20)
        budget.startCell(seconds: nil)
        XCTAssertEqual(budget.memoryLimit, 8 << 30)
    }

    func testAnExpiredCellTimeoutIsNamedInTheError() {
        let budget = RunBudget()
        budget.startRun(seconds: nil)
        budget.startCell(seconds: 0.001)
        usleep(5_000)
        XCTAssertThrowsError(try budget.checkTime("while training (epoch 2)")) { error in
            XCTAssertEqual("\(error)", "cell exceeded its timeout of 0.001 s while training (epoch 2)")
            XCTAssertEqual((error as? LimitExceeded)?.kind, .time)
        }
    }

    func testTheNotebooksTimeLimitStopsACellWithoutItsOwn() {
        let budget = RunBudget()
        budget.startRun(seconds: 0.001)
        budget.startCell(seconds: nil)
        usleep(5_000)
        XCTAssertEqual(budget.expiredLimit(), "cell stopped at the notebook's time limit of 0.001 s")
    }

    func testNoLimitMeansNoError() throws {
        let budget = RunBudget()
        budget.reset()
        try budget.checkTime()
        XCTAssertNil(budget.expiredLimit())
    }

    func testByteCountsParseAsPeopleWriteThem() {
        XCTAssertEqual(ByteCount.parse("4G"), 4 << 30)
        XCTAssertEqual(ByteCount.parse("512M"), 512 << 20)
        XCTAssertEqual(ByteCount.parse("1.5GB"), 3 << 29)
        XCTAssertEqual(ByteCount.parse("2 GiB"), 2 << 30)
        XCTAssertEqual(ByteCount.parse("2048"), 2048)
        XCTAssertNil(ByteCount.parse("-1G"))
        XCTAssertNil(ByteCount.parse("lots"))
        XCTAssertNil(ByteCount.parse("1e300T"))
        XCTAssertEqual(ByteCount.format(3 << 29), "1.5 GB")
        XCTAssertEqual(ByteCount.format(640 << 20), "640 MB")
        XCTAssertEqual(ByteCount.format(300), "300 bytes")
        XCTAssertEqual(ByteCount.product(Int.max / 2, 8), Int.max)
    }
}
