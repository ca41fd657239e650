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
        XCTAssertTrue(run.errors[2].contains("fit needs a Dataset, Points or Sequences as 'data', not a value of type 'Int'"), run.errors[2])
    }
}

/// A cell's `timeout` bounds training too, not just script loops.
final class TrainingTimeoutTests: XCTestCase {
    func testTimeoutStopsTrainingWithAClearError() throws {
        let run = try runNotebook("""
        ```swift
        //| timeout: 0.5
        let digits = mnist5k()
        let model = Sequential { Flatten(); Dense(256, activation: .relu); Dense(10) }
        model.fit(digits, epochs: 1000, batchSize: 16)
        ```

        ```swift
        print("not reached")
        ```
        """)
        XCTAssertEqual(run.errors.count, 1)
        XCTAssertTrue(run.errors[0].contains("test.md:5:7: error: cell exceeded its timeout of 0.5 s while training (epoch 1,"), run.errors[0])
    }
}
