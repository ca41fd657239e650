import CellOutput
import Foundation
import FolioTestSupport
import Report
import XCTest

/// Issue 5 from a notebook: weights a user brings from PyTorch load into a model written in
/// cells, the report shows what came from where, and the model fine-tunes with a new head.
/// Fixtures: Tests/LearnTests/Fixtures (PyTorch state_dicts, see make_fixtures.py there).
final class WeightImportNotebookTests: XCTestCase {
    private func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LearnTests/Fixtures/\(name).safetensors").path
    }

    func testPyTorchCNNLoadsShowsItsReportAndTakesANewHead() throws {
        let run = try runNotebook("""
        ```swift
        let cnn = Sequential {
            Conv2D(4, kernel: 3, padding: .same)
            BatchNormalization(epsilon: 0.00001)
            Activation(.relu)
            MaxPool2D(2)
            Conv2D(4, kernel: 3)
            BatchNormalization()
            Activation(.relu)
            Flatten()
            Dense(5)
        }
        cnn.loadWeights("\(fixture("cnn"))", input: [8, 8, 2])
        ```

        ```swift
        let tuned = cnn.replacingLast(1) { Dense(3) }
        tuned.freeze(upTo: 8)
        tuned.summary(input: [8, 8, 2])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let text = run.allText
        XCTAssertTrue(text.contains("Loaded 13 tensors into 5 layers from cnn.safetensors; "
                                    + "skipped 2 with no Folio counterpart."), text)
        XCTAssertTrue(text.contains("conv2d_1") && text.contains("conv2.weight")
                      && text.contains("no bias: bias = zeros"), text)
        XCTAssertTrue(text.contains("fc.weight, fc.bias") && text.contains("(H, W, C)"), text)
        XCTAssertTrue(text.contains("Skipped, no Folio counterpart: bn1.num_batches_tracked [] (I64)"), text)
        XCTAssertTrue(text.contains("Check: batch_normalization_1: PyTorch's default eps is 1e-5"), text)
        XCTAssertTrue(text.contains("trainable: 51 ·"), "the new Dense(3) head on 16 features trains: \(text)")
    }

    /// A torchvision basic block on an even image size: PyTorch's padding=1 at stride 2 is
    /// `padding: 1` here (`.same` would shift the windows), and the shortcut is written out.
    func testTorchvisionBlockWithExplicitPadding() throws {
        let run = try runNotebook("""
        ```swift
        let block = Sequential {
            Residual(shortcut: { Conv2D(6, kernel: 1, stride: 2, useBias: false); \
        BatchNormalization(epsilon: 0.00001) }) {
                Conv2D(6, kernel: 3, stride: 2, padding: 1, useBias: false)
                BatchNormalization(epsilon: 0.00001)
                Activation(.relu)
                Conv2D(6, kernel: 3, padding: 1, useBias: false)
                BatchNormalization(epsilon: 0.00001)
            }
            Activation(.relu)
            GlobalAveragePooling2D()
            Dense(4)
        }
        display(block.loadWeights("\(fixture("resblock"))", input: [8, 8, 3]))
        block.summary(input: [8, 8, 3])
        ```

        ```swift
        Conv2D(6, kernel: 3, padding: .full)
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 1, run.errors.joined(separator: "\n"))
        XCTAssertTrue(run.allText.contains("downsample.0.weight"), run.allText)
        XCTAssertTrue(run.allText.contains("(None, 4, 4, 6)"), run.allText)
        XCTAssertTrue(run.errors[0].contains("'padding' must be .valid, .same or a number of zeros"), run.errors[0])
    }

    func testNamesDictionaryAndErrors() throws {
        let run = try runNotebook("""
        ```swift
        let net = Sequential { Dense(4, activation: .relu); Dense(4) }
        let report = net.loadWeights("\(fixture("encdec"))", input: [4], \
        names: ["dense": "encoder", "dense_1": "decoder"])
        print("unused", report.unused.count)
        print(report)
        ```

        ```swift
        let small = Sequential { Dense(16, activation: .relu); Dense(8, activation: .tanh); Dense(4) }
        small.loadWeights("\(fixture("mlp"))", input: [6])
        ```

        ```swift
        Sequential { Dense(2) }.loadWeights("\(fixture("mlp"))")
        ```

        ```swift
        net.loadWeights("\(fixture("encdec"))", names: ["dense": 3])
        ```
        """, allowErrors: true)
        let text = run.allText
        XCTAssertTrue(text.contains("unused 0"), text)
        XCTAssertTrue(text.contains("dense (kernel [4, 4], bias [4]) ← encoder.weight, encoder.bias [names:;"), text)
        XCTAssertEqual(run.errors.count, 3, "\(run.errors)")
        XCTAssertTrue(run.errors.first?.contains("no tensor for layer dense_2 (Dense 8→4: kernel [8, 4], bias [4])")
                      ?? false, "\(run.errors)")
        XCTAssertTrue(run.errors.count == 3 && run.errors[1].contains("pass it, e.g. loadWeights("), "\(run.errors)")
        XCTAssertTrue(run.errors.count == 3 && run.errors[2].contains("both strings"), "\(run.errors)")
    }
}
