import XCTest
@testable import Datasets

final class DatasetChecksTests: XCTestCase {
    func testLabelDistributionAndImbalance() {
        let data = syntheticImages(counts: [6, 2, 4])
        let distribution = data.labelCounts()
        XCTAssertEqual(distribution.counts, [6, 2, 4])
        XCTAssertEqual(distribution.fractions, [0.5, 2.0 / 12, 4.0 / 12])
        XCTAssertEqual(distribution.imbalanceRatio, 3)
        XCTAssertEqual(distribution.table.column("count"), [.int(6), .int(2), .int(4)])
        XCTAssertEqual(syntheticImages(counts: [3, 0]).labelCounts().imbalanceRatio, .infinity)
    }

    func testCheckFlagsImbalanceAndNonFiniteValues() {
        let balanced = syntheticImages(counts: [5, 5]).check()
        XCTAssertTrue(balanced.passed)
        XCTAssertEqual(balanced.results.first { $0.check == "class balance" }?.status, .ok)
        let skewed = syntheticImages(counts: [9, 1]).check()
        XCTAssertEqual(skewed.results.first { $0.check == "class balance" }?.status, .warning)
        let store = ImageStore(pixels: .floats([0, .nan, 1, .infinity]), labels: [0], sampleShape: [2, 2, 1])
        let broken = ImageDataset(store: store, classCount: 1, name: "nan").check()
        XCTAssertFalse(broken.passed)
        XCTAssertEqual(broken.results.first { $0.check == "missing / non-finite" }?.detail, "2 non-finite pixel values")
    }

    func testSplitsCheckAndSummary() {
        let splits = ImageSplits(train: syntheticImages(counts: [6, 6]), test: syntheticImages(counts: [2, 2]))
        XCTAssertTrue(splits.check().passed)
        XCTAssertEqual(splits.check().results.filter { $0.check == "samples" }.map(\.detail), ["12 images", "4 images"])
        let summary = splits.summary()
        XCTAssertEqual(summary.column("count"), [.int(12), .int(4)])
        XCTAssertEqual(summary.column("fraction"), [.number(0.75), .number(0.25)])
        XCTAssertTrue(summary.description.contains("train"))
    }
}
