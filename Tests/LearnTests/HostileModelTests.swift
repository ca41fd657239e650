import RunLimits
import XCTest
@testable import Learn

/// Layer sizes typed in a cell and training past a time limit: each is an error naming the size
/// or the limit, never a process killed for memory or a cell that runs on.
final class HostileModelTests: XCTestCase {
    override func tearDown() {
        RunBudget.shared.reset()
        super.tearDown()
    }

    func testDenseOfABillionUnitsExceedsTheBudgetBeforeAllocating() {
        RunBudget.shared.startRun(seconds: nil, memory: MemoryUsage.residentBytes() + (64 << 20))
        let model = Sequential([Flatten(), Dense(1_000_000_000)])
        XCTAssertThrowsError(try model.build(input: [28, 28, 1])) { error in
            guard let limit = error as? LimitExceeded else { return XCTFail("\(error)") }
            XCTAssertEqual(limit.kind, .memory)
            let expected = "layer dense (Dense, weights of shapes [784, 1000000000], [1000000000], "
                + "785,000,000,000 in all) needs"
            XCTAssertTrue(limit.message.contains(expected), limit.message)
            XCTAssertTrue(limit.message.contains("memory budget"), limit.message)
        }
    }

    func testSizesWhoseProductsOverflowAreSizeErrors() {
        let cases: [([Layer], [Int])] = [([LSTM(Int.max / 2)], [4, 3]), ([Dense(Int.max)], [3]),
                                         ([Flatten()], [1 << 40, 1 << 40, 8])]
        for (layers, input) in cases {
            XCTAssertThrowsError(try Sequential(layers).build(input: input)) { error in
                XCTAssertTrue(error is LimitExceeded, "\(error)")
            }
        }
        XCTAssertThrowsError(try Sequential([Reshape([1 << 40, 1 << 40, 16])]).build(input: [4])) { error in
            XCTAssertTrue("\(error)".contains("element counts must match"), "\(error)")
        }
    }

    /// Gradients, a last-good copy and Adam's moments quadruple the weights' memory when training.
    func testTrainingChecksTheOptimizersCopiesAgainstTheBudget() throws {
        let data = try quadrantBlobs(count: 16, seed: 1)
        let model = Sequential([Flatten(), Dense(100_000), Dense(4)])
        try model.build(input: [8, 8, 1], seed: 1)  // 6.9 M weights, 27 MB
        RunBudget.shared.startRun(seconds: nil, memory: MemoryUsage.residentBytes() + (64 << 20))
        XCTAssertThrowsError(try model.fit(data, epochs: 1, progress: nil)) { error in
            XCTAssertTrue("\(error)".contains("training 6,900,004 weights with"), "\(error)")
            XCTAssertTrue("\(error)".contains("(4 copies of each) needs 105 MB"), "\(error)")
        }
    }

    func testTrainingStopsAtTheCellTimeLimit() throws {
        let data = try quadrantBlobs(count: 64, seed: 1)
        let model = Sequential([Flatten(), Dense(8, activation: .relu), Dense(4)])
        RunBudget.shared.startCell(seconds: 0.000_001)
        usleep(1000)
        XCTAssertThrowsError(try model.fit(data, epochs: 1000, batchSize: 8, progress: nil)) { error in
            XCTAssertTrue("\(error)".contains("cell exceeded its timeout of 1e-06 s while training (epoch 1, batch 1)"),
                          "\(error)")
        }
    }
}
