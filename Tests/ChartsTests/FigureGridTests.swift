import XCTest
@testable import Charts

/// The image-grid figures: sensitivity maps, mistakes and hidden-unit maps.
final class FigureGridTests: XCTestCase {
    private let gray = try! RasterImage(gray: [UInt8](repeating: 128, count: 16), width: 4, height: 4)

    private func rows(_ root: Element) -> Int { Set(root.all("image").compactMap { $0.attributes["y"] }).count }

    func testSensitivityGridCaptionsPredictionsAndFlagsWrongOnes() throws {
        let samples = (0..<10).map { k in
            SensitivityGrid.Sample(image: gray, heat: (0..<16).map { Float($0 == k ? 1 : 0) }, predicted: k % 3,
                                   label: k % 2)
        }
        let grid = SensitivityGrid(samples: samples, method: .occlusion(patch: 3), classNames: ["zero", "one"],
                                   title: "Hidden")
        let root = try XCTUnwrap(assertWellFormedSVG(try grid.svg()))
        XCTAssertEqual(root.all("image").count, 10)
        XCTAssertEqual(rows(root), 2, "ten tiles in two balanced rows of five")
        XCTAssertTrue(root.texts.contains("pred 2 · true zero"), "a class without a name shows its number")
        XCTAssertTrue(root.texts.contains { $0.contains("3×3 patch") }, "the subtitle explains the method")
        let wrong = root.all("text").filter { $0.attributes["fill"] == "#b42318" }.count
        XCTAssertEqual(wrong, samples.filter { $0.predicted != $0.label }.count)
        var bad = samples
        bad[0].heat = [1]
        XCTAssertThrowsError(try SensitivityGrid(samples: bad, method: .saliency, classNames: []).svg())
    }

    func testMistakeGridShowsConfidenceAndCountsAndSaysWhenThereAreNone() throws {
        let mistakes = [MistakeGrid.Mistake(image: gray, label: 1, predicted: 0, confidence: 0.934),
                        MistakeGrid.Mistake(image: gray, label: 0, predicted: 1, confidence: 0.61)]
        let grid = MistakeGrid(mistakes: mistakes, totalMistakes: 7, sampleCount: 150, classNames: ["a", "b"])
        let root = try XCTUnwrap(assertWellFormedSVG(try grid.svg()))
        XCTAssertTrue(root.texts.contains("93%") && root.texts.contains("true b · pred a"), "\(root.texts)")
        XCTAssertTrue(root.texts.contains { $0.hasPrefix("2 of 7 mistakes on 150 samples") })
        let none = MistakeGrid(mistakes: [], totalMistakes: 0, sampleCount: 150, classNames: [])
        let empty = try XCTUnwrap(assertWellFormedSVG(try none.svg()))
        XCTAssertTrue(empty.texts.contains("no mistakes on 150 samples"))
        XCTAssertTrue(empty.all("image").isEmpty)
    }

    func testUnitMapsMarkConstantUnitsAndNameThePlane() throws {
        let plane = PlaneExtent(x: -1.25...2, y: 0...1, resolution: 3)
        let grid = UnitMapGrid(maps: [(0..<9).map(Double.init), [Double](repeating: 0.5, count: 9)], plane: plane,
                               layer: (0, "Dense"))
        let root = try XCTUnwrap(assertWellFormedSVG(try grid.svg()))
        XCTAssertEqual(root.all("image").count, 2)
        XCTAssertTrue(root.texts.contains("unit 2") && root.texts.contains("const"))
        XCTAssertTrue(root.texts.contains {
            $0.hasPrefix("layer 0 (Dense, 2 units)") && $0.hasSuffix("x −1.3…2.0, y 0.0…1.0")
        },
                      "\(root.texts)")
        XCTAssertThrowsError(try UnitMapGrid(maps: [[1, 2]], plane: plane, layer: (0, "Dense")).svg())
    }

    func testBalancedColumnsFillRowsOfAtMostSixEvenly() {
        XCTAssertEqual([1, 6, 7, 10, 12, 13].map(ImageGrid.balancedColumns), [1, 6, 4, 5, 6, 5])
    }
}
