import CellOutput
import FolioTestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import Report
import XCTest

/// Sensitivity maps, mistakes, comparisons, projections and 2-D decision pictures, driven from
/// notebook cells as a student writes them.
final class AnalysisNotebookTests: XCTestCase {
    /// The SVG charts a run produced, by title.
    private func charts(_ run: NotebookRun) -> [String: String] {
        var found: [String: String] = [:]
        for case let .svg(svg, title) in run.cells.flatMap(\.outputs) { found[title] = svg }
        return found
    }

    private func assertWellFormed(_ svg: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")",
                      file: file, line: line)
        XCTAssertTrue(svg.contains("<title>"), "SVG has a <title> for screen readers", file: file, line: line)
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    private let digitModel = """
    ---
    seed: 4
    ---
    ```swift
    let digits = mnist5k().take(600)
    let (train, test) = digits.split(0.75)
    let net = Sequential {
        Conv2D(4, kernel: 3, activation: .relu)
        MaxPool2D(2)
        Flatten()
        Dense(10)
    }
    let history = net.fit(train, epochs: 2, batchSize: 32, optimizer: Adam(lr: 0.003))
    let result = net.evaluate(test)
    ```

    """

    /// A resized (and a colour) dataset gives its maps at the size the model sees, never reading past
    /// the stored image (this once ended the process with a signal).
    func testAnalysesOfResizedImagesUseTheSizeTheModelSees() throws {
        let run = try runNotebook("""
        ---
        seed: 4
        ---
        ```swift
        let small = mnist5k().take(120).resized(to: [16, 16])
        let net = Sequential {
            Conv2D(4, kernel: 3, activation: .relu)
            Flatten()
            Dense(10)
        }
        net.fit(small, epochs: 1, batchSize: 32)
        let flat = Sequential { Flatten() }
        flat.build(input: [16, 16, 1])
        print(flat.activations(small, layer: 0).count, flat.activations(small, layer: 0).values[0].count)
        net.saliency(small, indices: [0, 1])
        ```
        ```swift
        let colour = mnist5k().take(60).resized(to: [12, 12]).rgb()
        let rgbNet = Sequential { Flatten(); Dense(10) }
        rgbNet.fit(colour, epochs: 1)
        rgbNet.occlusion(colour, indices: [0], patch: 4)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.hasPrefix("120 256"), run.allText)
        XCTAssertNotNil(charts(run)["Saliency maps"], "charts: \(charts(run).keys)")
        XCTAssertEqual(charts(run).count, 2)
    }

    func testSaliencyAndOcclusionDrawOneOverlayPerImage() throws {
        let run = try runNotebook(digitModel + """
        ```swift
        net.saliency(test, indices: [0, 1, 2])
        ```
        ```swift
        net.occlusion(test, indices: [3, 4], patch: 6, title: "Hidden patches")
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let found = charts(run)
        let saliency = try XCTUnwrap(found["Saliency maps"], "charts: \(found.keys)")
        let occlusion = try XCTUnwrap(found["Hidden patches"])
        for svg in [saliency, occlusion] { assertWellFormed(svg) }
        XCTAssertEqual(count("data:image/png;base64", in: saliency), 3)
        XCTAssertEqual(count("data:image/png;base64", in: occlusion), 2)
        XCTAssertEqual(count("pred ", in: saliency), 3, "one caption \"pred p · true t\" per image")
        XCTAssertTrue(occlusion.contains("6×6 patch"), "the subtitle names the patch size")
    }

    func testMisclassifiedShowsTheMostConfidentMistakesHighlighted() throws {
        let run = try runNotebook(digitModel + """
        ```swift
        print(result.accuracy < 1)
        net.misclassified(test, top: 2)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("true\n"), "a 2-epoch model on 450 digits makes mistakes")
        let svg = try XCTUnwrap(charts(run)["Most confident mistakes"])
        assertWellFormed(svg)
        XCTAssertEqual(count("data:image/png;base64", in: svg), 2)
        XCTAssertEqual(count("· pred ", in: svg), 2)
        XCTAssertTrue(svg.contains("#b42318"), "mistake captions are drawn in the warning colour")
        XCTAssertTrue(svg.contains("2 of "), "the subtitle says how many mistakes there are in all")
    }

    func testCompareTabulatesModelsAndMarksTheBest() throws {
        let run = try runNotebook(digitModel + """
        ```swift
        let small = Sequential { Flatten(); Dense(10) }
        let smallHistory = small.fit(train, epochs: 1)
        compare([("CNN", net, result, history), ("linear", small, small.evaluate(test), smallHistory)])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let text = run.allText
        for column in ["test accuracy", "test loss", "s / epoch", "parameters"] {
            XCTAssertTrue(text.contains(column), text)
        }
        XCTAssertTrue(text.contains("7,850"), "the linear model's 784·10 + 10 parameters: \(text)")
        XCTAssertEqual(count("★", in: text), 2, "one best model marked, plus the note in the title: \(text)")
        XCTAssertNotNil(charts(run)["Model comparison"])
    }

    func testMLPOnBlobsDrawsDecisionRegionsAndHiddenUnits() throws {
        let run = try runNotebook("""
        ---
        seed: 2
        ---
        ```swift
        let blobs = Datasets.blobs(count: 60, classes: 3, spread: 0.25)
        let mlp = Sequential {
            Dense(6, activation: .tanh)
            Dense(3)
        }
        let history = mlp.fit(blobs, epochs: 40, batchSize: 16, optimizer: Adam(lr: 0.02))
        print(mlp.evaluate(blobs).accuracy)
        mlp.decisionRegions(blobs, resolution: 40)
        ```
        ```swift
        mlp.hiddenUnits(blobs, layer: 0, resolution: 24)
        ```
        ```swift
        pca(blobs)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let accuracy = Double(run.allText.split(separator: "\n").first ?? "") ?? 0
        XCTAssertGreaterThan(accuracy, 0.85, "three well-separated blobs; chance is 1/3")
        let found = charts(run)
        let regions = try XCTUnwrap(found["Decision regions"], "charts: \(found.keys)")
        let units = try XCTUnwrap(found["Hidden units over the input plane"])
        for svg in [regions, units] { assertWellFormed(svg) }
        XCTAssertEqual(count("<circle", in: regions) + count("<rect x", in: regions), 180 + 3 + 1,
                       "a marker per point, one per class in the legend, and the frame")
        XCTAssertEqual(count("data:image/png;base64", in: units), 6, "one map per hidden unit")
        XCTAssertTrue(units.contains("unit 6"))
        XCTAssertNotNil(found["PCA projection"])
    }

    func testPointsSplitAndFitWithValidation() throws {
        let run = try runNotebook("""
        ---
        seed: 9
        ---
        ```swift
        let xor = Datasets.xor(count: 100)
        let (train, valid) = xor.split(0.8)
        print(train.count, valid.count, xor.classCount)
        let mlp = Sequential { Dense(4, activation: .tanh); Dense(2) }
        let history = mlp.fit(train, validation: valid, epochs: 2)
        print(history.valLoss.count)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.hasPrefix("80 20 2\n2\n"), run.allText)
    }

    func testMisuseGivesClearErrors() throws {
        let cases: [(code: String, message: String)] = [
            ("net.saliency(test, indices: [999])", "index 999 is outside the dataset's 0..<150"),
            ("net.decisionRegions(Datasets.xor(count: 10))", "works on models with 2 inputs"),
            ("compare([(\"CNN\", net)])", "write each model as"),
            ("net.occlusion(test, patch: 0)", "'patch'"),
            ("net.pca(test, layer: 9)", "layer 9 does not exist"),
        ]
        let cells = cases.map { "```swift\n\($0.code)\n```\n" }.joined()
        let run = try runNotebook(digitModel + cells, allowErrors: true)
        let errors = run.errors.joined(separator: "\n")
        XCTAssertEqual(run.errors.count, cases.count, errors)
        for (code, message) in cases {
            XCTAssertTrue(errors.contains(message), "\(code): expected “\(message)” in \(errors)")
        }
    }
}
