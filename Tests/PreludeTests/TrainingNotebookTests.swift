import CellOutput
import FolioTestSupport
import Report
import XCTest

/// The engine and the data, driven from notebook cells as a student writes them.
final class TrainingNotebookTests: XCTestCase {
    func testCNNSummaryMatchesKeras() throws {
        let run = try runNotebook("""
        ```swift
        let cnn = Sequential {
            Conv2D(32, kernel: 3, activation: .relu)
            MaxPool2D(2)
            Conv2D(64, kernel: 3, activation: .relu)
            MaxPool2D(2)
            Conv2D(64, kernel: 3, activation: .relu)
            Flatten()
            Dense(64, activation: .relu)
            Dense(10)
        }
        cnn.summary(input: [28, 28, 1])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("Total params: 93,322"), run.allText)
        XCTAssertTrue(run.allText.contains("(None, 3, 3, 64)"), run.allText)
    }

    func testMLPLearnsRealDigits() throws {
        let run = try runNotebook("""
        ---
        seed: 7
        ---
        ```swift
        let digits = mnist5k()
        let (train, test) = digits.split(0.8, stratified: true)
        let mlp = Sequential {
            Flatten()
            Dense(64, activation: .relu)
            Dense(10)
        }
        let history = mlp.fit(train.take(2000), validation: test, epochs: 3, batchSize: 32, optimizer: Adam(lr: 0.002))
        let result = mlp.evaluate(test)
        print(history.loss[0] > history.loss[2], result.accuracy)
        result.confusionMatrix()
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let printed = run.allText.split(separator: "\n").first { $0.hasPrefix("true ") || $0.hasPrefix("false ") } ?? ""
        XCTAssertTrue(printed.hasPrefix("true "), "training loss fell: \(printed)")
        let accuracy = Double(printed.split(separator: " ").last ?? "") ?? 0
        XCTAssertGreaterThan(accuracy, 0.7, "10 classes: chance is 0.1")
        XCTAssertTrue(run.allText.contains("[chart: Confusion matrix]"))
    }

    func testTheHistoryGivesEachEpochsLearningRate() throws {
        let run = try runNotebook("""
        ---
        seed: 3
        ---
        ```swift
        let digits = mnist5k().take(200)
        let net = Sequential { Flatten(); Dense(10) }
        let history = net.fit(digits, epochs: 4, optimizer: SGD(lr: 0.1), callbacks: [StepDecay(factor: 0.5, every: 2)])
        print(history.learningRate.map { ($0 * 1000).rounded() / 1000 })
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertEqual(run.allText, "[0.1, 0.1, 0.05, 0.05]\n")
    }

    func testSeededRunsRepeat() throws {
        let notebook = """
        ---
        seed: 3
        ---
        ```swift
        let data = mnist5k().take(300)
        let model = Sequential { Flatten(); Dense(16, activation: .tanh); Dense(10) }
        let history = model.fit(data, epochs: 2, batchSize: 50)
        print(history.loss)
        ```
        """
        let first = try runNotebook(notebook).allText
        XCTAssertFalse(first.isEmpty)
        XCTAssertEqual(first, try runNotebook(notebook).allText)
    }

    func testWrongArgumentsPointAtTheLine() throws {
        let run = try runNotebook("""
        # Model

        ```swift
        let ok = Dense(10)
        let bad = Conv2D(32, kernal: 3)
        ```

        ```swift
        let m = Sequential { Dense(4); 3 }
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 2)
        XCTAssertTrue(run.errors[0].hasPrefix("test.md:5:11: error: "), run.errors[0])
        XCTAssertTrue(run.errors[0].contains("Conv2D(_ filters: Int, kernel: Int"), run.errors[0])
        XCTAssertTrue(run.errors[1].hasPrefix("test.md:9:9: error: "
                                              + "Sequential { … } holds only layers, but item 2 is Int"),
                      run.errors[1])
    }

    func testDatasetChecksAndCharts() throws {
        let run = try runNotebook("""
        ```swift
        let digits = mnist5k()
        display(digits.labelCounts())
        display(digits.check())
        let balanced = digits.filter(classes: [0, 1, 2]).balanced()
        print(balanced.count, balanced.classCount)
        digits.samples(perClass: 2)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("[chart: Label distribution]"))
        XCTAssertTrue(run.allText.contains("[chart: Samples per class]"))
        XCTAssertTrue(run.allText.contains("1500 10"), run.allText)
        XCTAssertTrue(run.cells[0].outputs.contains { if case .table = $0 { return true } else { return false } })
    }
}

extension TrainingNotebookTests {
    func testLayersCanBeListedAndFrozenOneByOne() throws {
        let run = try runNotebook("""
        ```swift
        let model = Sequential { Flatten(); Dense(4); Dense(2) }
        model.layers[1].trainable = false
        print(model.layerCount, model.layers[1], model.layers[1].trainable)
        model.summary(input: [2, 2, 1])
        ```

        ```swift
        model.layers = []
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 1)
        XCTAssertTrue(run.errors[0].contains("test.md:9:7: error: "
                                             + "cannot assign to property: 'layers' is a get-only property"),
                      run.errors[0])
        XCTAssertTrue(run.allText.contains("3 Dense false"), run.allText)
        XCTAssertTrue(run.allText.contains("trainable: 10 · non-trainable: 20"),
                      "Dense(4) on 4 inputs: 20 frozen, Dense(2): 10 trainable: \(run.allText)")
    }
}
