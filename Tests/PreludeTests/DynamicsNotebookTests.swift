import FolioTestSupport
import XCTest

/// Counting-language sequences and the hidden-unit plots of the recurrent-dynamics coursework.
final class DynamicsNotebookTests: XCTestCase {
    func testLSTMLearnsToCountAndItsStatesAreDrawn() throws {
        let run = try runNotebook("""
        ---
        seed: 6
        ---
        ```swift
        let train = Datasets.sequences(.anbn, count: 300, steps: 24, minN: 1, maxN: 4)
        let test = Datasets.sequences(.anbn, count: 100, steps: 24, minN: 1, maxN: 4)
        let model = Sequential {
            LSTM(12, returnSequences: true)
            Dense(2)
        }
        let history = model.fit(train, epochs: 8, batchSize: 16, optimizer: Adam(lr: 0.02))
        let result = model.evaluate(test)
        print(test.symbols, test.text(0).count > 0, result.accuracy)
        display(model.hiddenStates(test, index: 0))
        model.stateTrajectory(test, index: 0)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let printed = run.allText.split(separator: "\n").first { $0.hasPrefix("[\"a\", \"b\"]") } ?? ""
        let accuracy = Double(printed.split(separator: " ").last ?? "") ?? 0
        XCTAssertGreaterThan(accuracy, 0.9, "accuracy on the deterministic steps: \(printed)")
        XCTAssertTrue(run.allText.contains("[chart: Hidden units over time]"))
        XCTAssertTrue(run.allText.contains("[chart: Hidden-state trajectory]"))
        let svgs = run.cells[0].outputs.compactMap { output -> String? in
            if case .svg(let svg, _) = output { return svg } else { return nil }
        }
        XCTAssertEqual(svgs.count, 2)
        XCTAssertTrue(svgs[0].contains("h12"), "one row per unit")
    }

    /// The coursework's views of a 3-unit LSTM: unit pairs in 2-D, all three units in 3-D, and the
    /// principal components in 3-D; with errors for units that do not exist.
    func testTrajectoriesThroughChosenUnitsAndIn3D() throws {
        let run = try runNotebook("""
        ---
        seed: 21
        ---
        ```swift
        let strings = Datasets.sequences(.anb2nc3n, count: 200, steps: 36, minN: 1, maxN: 3)
        let small = Sequential { LSTM(3, returnSequences: true); Dense(3) }
        small.fit(strings, epochs: 2, batchSize: 16)
        display(small.stateTrajectory(strings, units: [0, 2], title: "pair"))
        display(small.stateTrajectory(strings, units: [0, 1, 2], title: "cube"))
        small.stateTrajectory(strings, dimensions: 3, title: "components")
        ```

        ```swift
        small.stateTrajectory(strings, units: [0, 3])
        ```

        ```swift
        small.stateTrajectory(strings, units: [1])
        ```

        ```swift
        small.stateTrajectory(strings, dimensions: 4)
        ```
        """, allowErrors: true)
        let svgs = run.cells[0].outputs.compactMap { output -> String? in
            if case .svg(let svg, _) = output { return svg } else { return nil }
        }
        XCTAssertEqual(svgs.count, 3, run.errors.joined(separator: "\n"))
        XCTAssertTrue(svgs[0].contains("unit 0") && svgs[0].contains("unit 2") && !svgs[0].contains("unit 1"),
                      "axes name the chosen units")
        XCTAssertTrue(svgs[1].contains("unit 0") && svgs[1].contains("unit 1") && svgs[1].contains("unit 2"),
                      "a 3-D view has three axes")
        XCTAssertTrue(svgs[2].contains("PC3"), "three principal components")
        XCTAssertEqual(run.errors.count, 3, run.errors.joined(separator: "\n"))
        XCTAssertTrue(run.errors[0].contains("unit 3 does not exist: the layer has 3 units, numbered 0 to 2"),
                      run.errors[0])
        XCTAssertTrue(run.errors[1].contains("units: takes 2 or 3 unit numbers"), run.errors[1])
        XCTAssertTrue(run.errors[2].contains("dimensions: must be 2 or 3, got 4"), run.errors[2])
    }

    func testPlotsNeedARecurrentLayerAndAValidSample() throws {
        let run = try runNotebook("""
        ```swift
        let digits = mnist5k().take(50)
        let mlp = Sequential { Flatten(); Dense(10) }
        mlp.fit(digits)
        let rnn = Sequential { SimpleRNN(8); Dense(10) }
        rnn.fit(digits)
        ```

        ```swift
        mlp.hiddenStates(digits)
        ```

        ```swift
        rnn.hiddenStates(digits, index: 50)
        ```

        ```swift
        rnn.fit(42)
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 3, run.errors.joined(separator: "\n"))
        XCTAssertTrue(run.errors[0].contains("no SimpleRNN, LSTM or GRU layer"), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("'index' 50 is out of range: the data has 50 samples"), run.errors[1])
        XCTAssertTrue(run.errors[2].contains("fit needs a Dataset, Points or Sequences as 'data', "
                                             + "not a value of type 'Int'"), run.errors[2])
    }
}

/// A cell's `timeout` bounds training too, not just script loops.
final class TrainingTimeoutTests: XCTestCase {
    func testTimeoutStopsTrainingWithAClearError() throws {
        let run = try runNotebook("""
        ```swift
        let digits = mnist5k()
        let model = Sequential { Flatten(); Dense(256, activation: .relu); Dense(10) }
        ```

        ```swift
        //| timeout: 0.5
        model.fit(digits, epochs: 1000, batchSize: 16)
        ```

        ```swift
        print("not reached")
        ```
        """)
        XCTAssertEqual(run.errors.count, 1)
        // Which epoch it reaches depends on the machine's speed; that it stops, and says where, does not.
        let expected = "test.md:8:7: error: cell exceeded its timeout of 0.5 s while training (epoch "
        XCTAssertTrue(run.errors[0].contains(expected), run.errors[0])
        XCTAssertTrue(run.errors[0].contains(", batch "), run.errors[0])
        XCTAssertFalse(run.allText.contains("not reached"))
    }
}
