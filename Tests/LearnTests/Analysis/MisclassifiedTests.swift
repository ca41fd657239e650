import XCTest
import Tensor
@testable import Learn

final class MisclassifiedTests: XCTestCase {
    /// Dense(2, softmax) with logits (0, 4x): class 1 wins for x > 0, more confidently as x grows.
    private func thresholdModel() throws -> Sequential {
        try handBuilt(Sequential { Dense(2, activation: .softmax) }, input: [2], weights: [[[0, 4, 0, 0], [0, 0]]])
    }

    func testMostConfidentMistakesComeFirst() throws {
        // All labelled 0: the points with x > 0 are mistakes, the larger x the more confident.
        let xs: [Float] = [0.5, -1, 2, 0.1, -0.3, 1]
        let data = try InMemoryBatches(inputs: Tensor(shape: [6, 2], scalars: xs.flatMap { [$0, 0] }),
                                       labels: [Int32](repeating: 0, count: 6), classCount: 2)
        let mistakes = try thresholdModel().misclassified(data, top: 10, batchSize: 4)
        XCTAssertEqual(mistakes.map(\.index), [2, 5, 0, 3])
        XCTAssertTrue(mistakes.allSatisfy { $0.label == 0 && $0.predicted == 1 })
        XCTAssertEqual(mistakes[0].confidence, Float(1 / (1 + exp(-8.0))), accuracy: 1e-5)
        XCTAssertEqual(try thresholdModel().misclassified(data, top: 2).map(\.index), [2, 5])
    }

    func testNoMistakesGivesEmptyList() throws {
        let data = try InMemoryBatches(inputs: Tensor(shape: [2, 2], scalars: [-1, 0, 1, 0]), labels: [0, 1],
                                       classCount: 2)
        XCTAssertEqual(try thresholdModel().misclassified(data, top: 5), [])
    }

    func testShapeMismatchThrows() throws {
        let data = try InMemoryBatches(inputs: Tensor(zeros: [2, 3]), labels: [0, 1], classCount: 2)
        XCTAssertThrowsError(try thresholdModel().misclassified(data, top: 1)) {
            XCTAssertTrue("\($0)".contains("shape"))
        }
    }

    func testComparisonPicksBestAccuracyThenLoss() throws {
        let rows = [("A", 0.9, 0.3), ("B", 0.95, 0.2), ("C", 0.95, 0.1)].map {
            ModelComparison.Entry(name: $0.0, testAccuracy: $0.1, testLoss: $0.2, secondsPerEpoch: 1, epochs: 2,
                                  parameters: 10)
        }
        XCTAssertEqual(try ModelComparison(rows).best, 2)
        XCTAssertThrowsError(try ModelComparison([]))
        XCTAssertEqual(try thresholdModel().parameterCount, 6)
    }
}
