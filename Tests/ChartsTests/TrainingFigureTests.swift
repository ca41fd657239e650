import XCTest
@testable import Charts

final class TrainingFigureTests: XCTestCase {
    private let curves = TrainingCurves(trainLoss: [2.0, 1.2, 0.8, 0.6, 0.5],
                                        validationLoss: [2.1, 1.4, 1.0, 1.1, 1.3],
                                        trainAccuracy: [0.4, 0.6, 0.75, 0.8, 0.85],
                                        validationAccuracy: [0.38, 0.55, 0.7, 0.69, 0.66])

    func testBestEpochIsTheLowestValidationLoss() {
        XCTAssertEqual(curves.bestEpoch, 3)
        XCTAssertNil(TrainingCurves(trainLoss: [1, 0.5]).bestEpoch)
    }

    func testTwoPanelsWithBestEpochMarkedInBoth() throws {
        let root = try XCTUnwrap(assertWellFormedSVG(try TrainingFigure(curves: curves).svg()))
        let texts = root.texts
        XCTAssertTrue(texts.contains("Loss") && texts.contains("Accuracy"))
        XCTAssertEqual(texts.filter { $0 == "best epoch 3" }.count, 2)
        XCTAssertTrue(texts.contains { $0.contains("best validation loss 1 at epoch 3") && $0.contains("70.0%") },
                      "\(texts)")
        XCTAssertEqual(root.all("circle").filter { $0.attributes["r"] == "7" }.count, 2,
                       "best point ringed in each panel")
    }

    func testLossOnlyHistoryDrawsOnePanel() throws {
        let single = TrainingFigure(curves: TrainingCurves(trainLoss: [1, 0.5, 0.4]))
        let root = try XCTUnwrap(assertWellFormedSVG(try single.svg()))
        XCTAssertFalse(root.texts.contains("Accuracy"))
        XCTAssertFalse(root.texts.contains("validation"))
    }

    func testInconsistentHistoryThrows() {
        let bad = TrainingCurves(trainLoss: [1, 0.5], validationLoss: [1])
        XCTAssertThrowsError(try TrainingFigure(curves: bad).svg())
        XCTAssertThrowsError(try TrainingFigure(curves: TrainingCurves(trainLoss: [])).svg())
    }
}
