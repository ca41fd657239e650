import FolioTestSupport
import XCTest

/// Issue #12: what the coursework does, said in cells — binary cross-entropy on one sigmoid unit,
/// step perceptrons set by hand, weights and activations as numbers, batch-norm warm-up, LSTM cells.
final class CourseworkCellTests: XCTestCase {
    func testOneSigmoidUnitTrainsWithBinaryCrossEntropy() throws {
        let run = try runNotebook("""
        ---
        seed: 3
        ---
        ```swift
        let points = Datasets.blobs(count: 40, classes: 2, spread: 0.2)
        let model = Sequential { Dense(8, activation: .tanh); Dense(1, activation: .sigmoid) }
        model.fit(points, epochs: 60, batchSize: 16, optimizer: Adam(lr: 0.05), loss: .binaryCrossEntropy)
        let result = model.evaluate(points)
        print("accuracy", result.accuracy, "loss", result.loss)
        print("confusion", result.confusion.count, result.confusion[0].count)
        print("mse", model.evaluate(points, loss: .meanSquaredError).loss < 0.1)
        display(result.confusionMatrix())
        model.decisionRegions(points)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let line = run.allText.split(separator: "\n").first { $0.hasPrefix("accuracy") } ?? ""
        let parts = line.split(separator: " ")
        XCTAssertGreaterThan(Double(parts[1]) ?? 0, 0.95, String(line))
        XCTAssertLessThan(Double(parts[3]) ?? 9, 0.3, "the remembered loss is BCE, small when the fit is good: \(line)")
        XCTAssertTrue(run.allText.contains("confusion 2 2"), run.allText)
        XCTAssertTrue(run.allText.contains("mse true"), run.allText)
        XCTAssertTrue(run.allText.contains("[chart: Confusion matrix]"))
        XCTAssertTrue(run.allText.contains("[chart: Decision regions]"))
    }

    func testLossMismatchesNameTheFix() throws {
        let run = try runNotebook("""
        ```swift
        let blobs = Datasets.blobs(count: 10, classes: 3)
        let wide = Sequential { Dense(10, activation: .softmax) }
        wide.fit(blobs, loss: .binaryCrossEntropy)
        ```

        ```swift
        let one = Sequential { Dense(1, activation: .sigmoid) }
        one.fit(blobs, loss: .binaryCrossEntropy)
        ```

        ```swift
        let two = Datasets.blobs(count: 10, classes: 2)
        one.fit(two)
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 3, run.errors.joined(separator: "\n"))
        XCTAssertTrue(run.errors[0].contains("needs one sigmoid output unit per sample, but the last layer has 10 "
                                             + "units") && run.errors[0].contains("Dense(1, activation: .sigmoid)"),
                      run.errors[0])
        XCTAssertTrue(run.errors[1].contains("reads labels 0 and 1, but the training data has labels up to 2")
                      && run.errors[1].contains("loss: .crossEntropy with Dense(3, activation: .softmax)"),
                      run.errors[1])
        XCTAssertTrue(run.errors[2].contains("use loss: .binaryCrossEntropy"), run.errors[2])
    }

    /// The coursework's seed example: a 2-4-1 step network, set by hand, classifies nine points.
    func testHandSetStepNetworkClassifiesNinePoints() throws {
        let run = try runNotebook("""
        ```swift
        let grid = Datasets.points(x: [0, 1, 2, 0, 1, 2, 0, 1, 2], y: [0, 0, 0, 1, 1, 1, 2, 2, 2],
                                   labels: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        let net = Sequential { Dense(4, activation: .step); Dense(1, activation: .step) }
        net.build(input: [2])
        // Four half-planes around (1, 1): x > 0.5, x < 1.5, y > 0.5, y < 1.5; the output needs all four.
        net.setWeights(layer: 0, kernel: [[1, -1, 0, 0], [0, 0, 1, -1]], bias: [-0.5, 1.5, -0.5, 1.5])
        net.setWeights(layer: 1, kernel: [[1], [1], [1], [1]], bias: [-3.5])
        print("accuracy", net.evaluate(grid).accuracy)
        print("kernel", net.layers[0].weights.kernel, "bias", net.layers[1].weights.bias)
        let hidden = net.activations(grid, layer: 0)
        print("header", hidden.header, "row4", hidden.values[4])
        display(hidden)
        print(net.predict(grid))
        ```

        ```swift
        net.setWeights(layer: 0, kernel: [[1, 2, 3]], bias: [0, 0, 0, 0])
        ```

        ```swift
        net.fit(grid, loss: .binaryCrossEntropy)
        ```

        ```swift
        Sequential { Flatten() }.layers[0].weights
        ```
        """, allowErrors: true)
        let text = run.allText
        XCTAssertTrue(text.contains("accuracy 1.0"), text)
        XCTAssertTrue(text.contains("kernel [[1.0, -1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -1.0]] bias [-3.5]"), text)
        XCTAssertTrue(text.contains("header [\"H1\", \"H2\", \"H3\", \"H4\"] row4 [1.0, 1.0, 1.0, 1.0]"), text)
        XCTAssertTrue(text.contains("[0, 0, 0, 0, 1, 0, 0, 0, 0]"), text)
        let tables = run.cells[0].outputs.compactMap { output -> [String]? in
            if case .table(let t) = output { return t.header } else { return nil }
        }
        XCTAssertEqual(tables.first, ["sample", "H1", "H2", "H3", "H4"])
        XCTAssertEqual(run.errors.count, 3, run.errors.joined(separator: "\n"))
        XCTAssertTrue(run.errors[0].contains("takes a kernel of 2 rows × 4 columns ([inputs][units]) and a bias of 4; "
                                             + "got 1 rows × 3 columns"), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("no gradient can reach a trainable layer")
                      && run.errors[1].contains("setWeights"), run.errors[1])
        XCTAssertTrue(run.errors[2].contains("has no kernel and bias"), run.errors[2])
    }

    func testUnwarmedBatchNormalizationWarnsAtEvaluate() throws {
        let run = try runNotebook("""
        ---
        seed: 1
        ---
        ```swift
        let points = Datasets.blobs(count: 20, classes: 2)
        let slow = Sequential { Dense(4); BatchNormalization(); Dense(2, activation: .softmax) }
        slow.fit(points, epochs: 2, batchSize: 10)
        slow.evaluate(points)
        ```

        ```swift
        let fast = Sequential { Dense(4); BatchNormalization(momentum: 0.9); Dense(2, activation: .softmax) }
        fast.fit(points, epochs: 10, batchSize: 10)
        fast.predict(points)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let first = run.cells[0].outputs.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
            .joined()
        XCTAssertTrue(first.contains("warning: batch_normalization's moving statistics have followed only 8 training "
                                     + "batches, but momentum 0.99 needs about 300"), first)
        XCTAssertTrue(first.contains("BatchNormalization(momentum: 0.9)"), first)
        let second = run.cells[1].outputs.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
            .joined()
        XCTAssertFalse(second.contains("warning:"), "40 batches are enough at momentum 0.9: \(second)")
    }

    func testLSTMCellStatesBesideHiddenStates() throws {
        let run = try runNotebook("""
        ---
        seed: 4
        ---
        ```swift
        let strings = Datasets.sequences(.anbn, count: 60, steps: 20, minN: 1, maxN: 3)
        let model = Sequential { LSTM(3, returnSequences: true); Dense(2) }
        model.fit(strings, epochs: 1, batchSize: 16)
        display(model.cellStates(strings, index: 0))
        model.stateTrajectory(strings, units: [0, 1], of: .cell)
        ```

        ```swift
        let gru = Sequential { GRU(3, returnSequences: true); Dense(2) }
        gru.fit(strings, epochs: 1)
        gru.cellStates(strings)
        ```
        """, allowErrors: true)
        XCTAssertTrue(run.allText.contains("[chart: LSTM cell states over time]"), run.allText)
        XCTAssertTrue(run.allText.contains("[chart: Hidden-state trajectory]"), run.allText)
        let svgs = run.cells[0].outputs.compactMap { output -> String? in
            if case .svg(let svg, _) = output { return svg } else { return nil }
        }
        XCTAssertEqual(svgs.count, 2)
        XCTAssertTrue(svgs[0].contains("c3") && svgs[0].contains("cell states"), "rows c1…c3, subtitle says cell")
        XCTAssertTrue(svgs[1].contains("cell states"))
        XCTAssertEqual(run.errors.count, 1, run.errors.joined(separator: "\n"))
        XCTAssertTrue(run.errors[0].contains("which has no cell state: only LSTM layers keep one"), run.errors[0])
    }

    func testTrainableAndNonTrainableCountsAsNumbers() throws {
        let run = try runNotebook("""
        ```swift
        let net = Sequential { Dense(4); BatchNormalization(); Dense(2) }
        net.build(input: [3])
        print(net.parameterCount, net.trainableParameterCount, net.nonTrainableParameterCount)
        ```
        """)
        // Dense 3·4+4 = 16, batch norm 4·4 = 16 (8 moving statistics), Dense 4·2+2 = 10.
        XCTAssertEqual(run.allText, "42 34 8\n")
    }
}
