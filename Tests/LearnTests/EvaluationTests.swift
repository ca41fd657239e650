import XCTest
@testable import Learn

final class EvaluationTests: XCTestCase {
    /// Confusion matrix and per-class metrics against counts worked out by hand.
    func testMetricsFromPredictions() {
        // true:      0  0  0  1  1  2
        // predicted: 0  0  1  1  2  2
        let e = Evaluation(loss: 0.5, predictions: [0, 0, 1, 1, 2, 2], labels: [0, 0, 0, 1, 1, 2], classes: 3)
        XCTAssertEqual(e.confusion, [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        XCTAssertEqual(e.accuracy, 4.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(e.precision, [1.0, 0.5, 0.5])
        XCTAssertEqual(e.recall[0], 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(e.recall[1], 0.5, accuracy: 1e-12)
        XCTAssertEqual(e.recall[2], 1.0, accuracy: 1e-12)
        XCTAssertEqual(e.f1[0], 0.8, accuracy: 1e-12)  // 2·1·(2/3) / (1 + 2/3)
        XCTAssertEqual(e.f1[2], 2.0 / 3.0, accuracy: 1e-12)
    }

    func testClassNeverPredictedHasZeroPrecisionNotNaN() {
        let e = Evaluation(loss: 0, predictions: [0, 0], labels: [0, 1], classes: 2)
        XCTAssertEqual(e.precision[1], 0)
        XCTAssertEqual(e.f1[1], 0)
        XCTAssertFalse(e.f1.contains { $0.isNaN })
    }
}
