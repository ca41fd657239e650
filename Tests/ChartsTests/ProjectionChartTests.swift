import XCTest
@testable import Charts

final class ProjectionChartTests: XCTestCase {
    func testAxesSayHowMuchVarianceEachComponentExplains() throws {
        let chart = ProjectionChart(x: [0, 1, 2], y: [1, 0, 1], classes: [0, 1, 0], classNames: ["a", "b"],
                                    explainedVariance: (0.4567, 0.12), source: "layer 1 (Dense)", title: "PCA")
        let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
        XCTAssertTrue(root.texts.contains("PC1 (45.7% of variance)") && root.texts.contains("PC2 (12.0%)"),
                      "\(root.texts)")
        XCTAssertTrue(root.texts.contains("3 samples · layer 1 (Dense)"))
        XCTAssertEqual(root.attributes["viewBox"], "0 0 640 480")
        XCTAssertThrowsError(try ProjectionChart(x: [0], y: [0], classes: [2], classNames: ["a"],
                                                 explainedVariance: (1, 0),
                                                 source: "inputs").svg(), "class 2 has no name")
    }
}
