import CellOutput
import FolioTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// The general-purpose chart functions, called from cells.
final class ChartNotebookTests: XCTestCase {
    func testEveryChartFunctionDrawsWellFormedSVG() throws {
        let run = try runNotebook("""
        ---
        seed: 2
        ---
        ```swift
        display(lineChart(["train": [0.9, 0.5, 0.3], "val <&>": [1.0, 0.7, 0.6]], xLabel: "epoch", title: "Loss"))
        display(barChart(["cnn", "mlp"], [0.99, 0.88], title: "Accuracy"))
        display(groupedBarChart(categories: ["0", "1"], groups: ["cnn": [0.9, 0.8], "mlp": [0.7, 0.6]],
                                title: "Per class"))
        display(scatterPlot(x: [1, 2, 3], y: [3, 1, 2], classes: [0, 1, 1], title: "Points"))
        display(heatmap([[1, 2], [3, 4]], rowLabels: ["a", "b"], columnLabels: ["x", "y"], title: "Grid"))
        let data = mnist5k().take(200)
        var histories: [Any] = []
        for _ in 0..<2 {
            let model = Sequential { Flatten(); Dense(10) }
            histories.append(model.fit(data, validation: data, epochs: 2))
        }
        plotRuns(["linear": histories], metric: .valAccuracy)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let svgs = run.cells[0].outputs.compactMap { output -> (String, String)? in
            if case .svg(let svg, let title) = output { return (title, svg) } else { return nil }
        }
        XCTAssertEqual(svgs.map(\.0), ["Loss", "Accuracy", "Per class", "Points", "Grid", "Runs per model"])
        for (title, svg) in svgs {
            XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "\(title): not well-formed XML")
        }
        XCTAssertTrue(svgs[0].1.contains("val &lt;&amp;&gt;"), "series names are escaped")
        XCTAssertTrue(svgs[5].1.contains("linear (mean ± sd, 2 runs)"))
    }

    func testChartArgumentsAreChecked() throws {
        let run = try runNotebook("""
        ```swift
        barChart(["a", "b"], [1.0])
        ```

        ```swift
        lineChart(["x": ["not", "numbers"]])
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 2)
        XCTAssertTrue(run.errors[0].contains("one value per label: 2 labels, 1 values"), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("'x' holds something that is not a number"), run.errors[1])
    }

    func testPlotRunsNamesEachModelOnceAndTicksWholeEpochs() throws {
        let run = try runNotebook("""
        ---
        seed: 3
        ---
        ```swift
        let data = mnist5k().take(120)
        var histories: [Any] = []
        for _ in 0..<3 {
            let model = Sequential { Flatten(); Dense(10) }
            histories.append(model.fit(data, validation: data, epochs: 3))
        }
        plotRuns(["linear": histories], metric: .valLoss)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        guard case .svg(let svg, _)? = run.cells[0].outputs.last else {
            return XCTFail("no chart: \(run.cells[0].outputs)")
        }
        XCTAssertTrue(svg.contains(">linear (mean ± sd, 3 runs)<"), "the legend names the model and its runs")
        XCTAssertEqual(svg.components(separatedBy: "mean ± sd").count - 1, 1, "said once, not twice")
        // The x axis's tick labels are the group centred under the axis.
        let axis = try XCTUnwrap(svg.range(of: "text-anchor=\"middle\" fill=\"#333\">"))
        let group = String(svg[axis.upperBound...]).components(separatedBy: "</g>")[0]
        let ticks = group.components(separatedBy: "</text>").dropLast()
            .map { $0.components(separatedBy: ">").last ?? "" }
        XCTAssertFalse(ticks.isEmpty)
        XCTAssertTrue(ticks.allSatisfy { Int($0) != nil }, "epochs are whole numbers: \(ticks)")
    }
}
