import FolioTestSupport
import XCTest

/// Recurrent layers as numbers, for reports on hidden-unit dynamics: `model.states` (hidden and
/// LSTM cell states as a table), `activations` on sequences, and recurrent weights read and set.
final class RecurrentNumbersTests: XCTestCase {
    /// Weights set by hand make every state known: a SimpleRNN with an identity kernel and no
    /// recurrence holds tanh(1) in the unit of the symbol read; an LSTM with only biases (i, f, c, o:
    /// 10, 0, 1, 0) keeps c = 0.5·c + σ(10)·tanh(1) and h = σ(0)·tanh(c).
    func testStatesAreATableOfTheHiddenAndCellStatePerStep() throws {
        let run = try runNotebook("""
        ```swift
        let data = Datasets.sequences(.anbn, count: 4, steps: 6, minN: 1, maxN: 2)
        let rnn = Sequential { SimpleRNN(2, returnSequences: true); Dense(2) }
        rnn.build(input: [6, 2])
        rnn.setWeights(layer: 0, kernel: [[1, 0], [0, 1]], recurrentKernel: [[0, 0], [0, 0]], bias: [0, 0])
        let states = rnn.states(data, index: 0)
        print("header", states.header, states.count)
        var right = 0
        for (t, row) in states.values.enumerated() {
            let a = states.symbols[t] == "a"
            if abs(row[0] - (a ? 0.761594 : 0)) < 1e-5 && abs(row[1] - (a ? 0 : 0.761594)) < 1e-5 { right += 1 }
        }
        print("rnn", right, states.symbols.count, states.symbols[0])
        let lstm = Sequential { LSTM(1, returnSequences: true); Dense(2) }
        lstm.build(input: [6, 2])
        lstm.setWeights(layer: 0, kernel: [[0, 0, 0, 0], [0, 0, 0, 0]], recurrentKernel: [[0, 0, 0, 0]],
                        bias: [10, 0, 1, 0])
        let cells: Activations = lstm.states(data, index: 1, of: .cell)
        let hidden = lstm.states(data, index: 1, of: .hidden)
        print("cells", cells.header, cells.values[0][0], cells.values[1][0], hidden.header, hidden.values[0][0])
        display(cells)
        ```

        ```swift
        rnn.states(data, of: .cell)
        ```
        """)
        XCTAssertEqual(run.errors.count, 1)
        XCTAssertTrue(run.errors.first?.contains("no cell state") ?? false, run.errors.first ?? "")
        let text = run.allText
        XCTAssertTrue(text.contains("header [\"h1\", \"h2\"] 6"), text)
        XCTAssertTrue(text.contains("rnn 6 6 a"), text)
        let line = text.split(separator: "\n").first { $0.hasPrefix("cells") } ?? ""
        let parts = line.split(separator: " ")
        XCTAssertEqual(parts[1], "[\"c1\"]")
        let c1 = 0.761594 / (1 + exp(-10.0)), c2 = 0.5 * c1 + c1
        XCTAssertEqual(Double(parts[2]) ?? 0, c1, accuracy: 1e-5, String(line))
        XCTAssertEqual(Double(parts[3]) ?? 0, c2, accuracy: 1e-5, String(line))
        XCTAssertEqual(parts[4], "[\"h1\"]")
        XCTAssertEqual(Double(parts[5]) ?? 0, 0.5 * tanh(c1), accuracy: 1e-5, String(line))
        XCTAssertTrue(text.contains("step"), "the displayed table has step and symbol columns: \(text)")
    }

    func testActivationsOnSequencesArePerStepOrFinal() throws {
        let run = try runNotebook("""
        ```swift
        let data = Datasets.sequences(.anbn, count: 3, steps: 5, minN: 1, maxN: 2)
        let every = Sequential { SimpleRNN(2, returnSequences: true); Dense(2) }
        every.build(input: [5, 2])
        every.setWeights(layer: 0, kernel: [[1, 0], [0, 1]], recurrentKernel: [[0, 0], [0, 0]], bias: [0, 0])
        let steps = every.activations(data, layer: 0)
        let first = every.states(data, index: 0)
        print("every", steps.count, steps.header, steps.symbols.count, Array(steps.values[0..<5]) == first.values)
        let last = Sequential { SimpleRNN(3); Dense(2) }
        last.build(input: [5, 2])
        let final = last.activations(data, layer: 0)
        print("final", final.count, final.header)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("every 15 [\"H1\", \"H2\"] 15 true"), run.allText)
        XCTAssertTrue(run.allText.contains("final 3 [\"H1\", \"H2\", \"H3\"]"), run.allText)
    }

    func testRecurrentWeightsReadAndSetInKerasLayout() throws {
        let run = try runNotebook("""
        ```swift
        let model = Sequential { LSTM(2, returnSequences: true); GRU(3); Dense(1) }
        model.build(input: [4, 5])
        let w = model.layers[0].weights
        print("lstm", w.kernel.count, w.kernel[0].count, w.recurrentKernel.count, w.bias, w.gates)
        let g = model.layers[1].weights
        print("gru", g.kernel.count, g.recurrentKernel[0].count, g.bias.count, g.gates)
        let bias = [[1.0, 2, 3, 4, 5, 6, 7, 8, 9], [0.5, 0, 0, 0, 0, 0, 0, 0, -0.5]]
        model.setWeights(layer: 1, kernel: g.kernel, recurrentKernel: g.recurrentKernel, bias: bias)
        print("set", model.layers[1].weights.bias[1][8])
        ```

        ```swift
        model.setWeights(layer: 1, kernel: g.kernel, bias: [0, 0, 0])
        ```

        ```swift
        model.setWeights(layer: 0, kernel: [[1, 2]])
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 2, run.allText)
        let text = run.allText
        XCTAssertTrue(text.contains("lstm 5 8 2 [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0] [\"i\", \"f\", \"c\", \"o\"]"),
                      "Keras's unit forget bias sits in the second gate block: \(text)")
        XCTAssertTrue(text.contains("gru 2 9 2 [\"z\", \"r\", \"h\"]"), text)
        XCTAssertTrue(text.contains("set -0.5"), text)
        XCTAssertTrue(run.errors[0].contains("a bias of 2 rows × 9 columns"), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("a kernel of 5 rows × 8 columns ([inputs][8])"), run.errors[1])
    }

    func testUnknownTypeNamesSuggestTheNearestHostType() throws {
        let run = try runNotebook("""
        ```swift
        let e: EvaluationResult? = nil
        ```

        ```swift
        let h: Histroy? = nil
        ```
        """, allowErrors: true)
        let expected = "cannot find type 'EvaluationResult' in scope; did you mean 'Evaluation'?"
        XCTAssertTrue(run.errors[0].contains(expected), run.errors[0])
        XCTAssertTrue(run.errors[1].contains("did you mean 'History'?"), run.errors[1])
    }
}
