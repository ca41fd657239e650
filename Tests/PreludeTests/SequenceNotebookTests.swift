import CellOutput
import Foundation
import FolioTestSupport
import Report
import XCTest

/// Recurrent models from notebook cells: images read row by row as sequences.
final class SequenceNotebookTests: XCTestCase {
    func testRecurrentSummariesMatchKeras() throws {
        let run = try runNotebook("""
        ```swift
        let lstm = Sequential { LSTM(128); Dense(64, activation: .relu); Dense(10) }
        lstm.summary(input: [28, 28, 1])
        ```

        ```swift
        let rnn = Sequential { SimpleRNN(64, activation: .tanh); Dense(10) }
        rnn.summary(input: [28, 28])
        ```

        ```swift
        let gru = Sequential { GRU(64, returnSequences: true); GRU(32); Dense(10) }
        gru.summary(input: [28, 28])
        ```

        ```swift
        let bi = Sequential { Bidirectional(LSTM(64)); Dense(10) }
        bi.summary(input: [28, 28, 1])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        // LSTM(128) on 28 features: 4·(28·128 + 128·128 + 128) = 80,384; + 8,256 + 650
        XCTAssertTrue(run.allText.contains("80,384"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 89,290"), run.allText)
        // SimpleRNN(64) on 28: 5,952; + Dense 650
        XCTAssertTrue(run.allText.contains("Total params: 6,602"), run.allText)
        // GRU(64): 3·(28·64 + 64·64 + 2·64) = 18,048; GRU(32) on 64: 3·(64·32 + 32·32 + 2·32) = 9,408
        XCTAssertTrue(run.allText.contains("(None, 28, 64)"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 27,786"), run.allText)
        // Bidirectional(LSTM(64)): 2 × 23,808 = 47,616, output (None, 128); + Dense 1,290
        XCTAssertTrue(run.allText.contains("Total params: 48,906"), run.allText)
    }

    func testAttentionBlockSummaryMatchesKeras() throws {
        let run = try runNotebook("""
        ```swift
        let transformer = Sequential {
            Reshape([28, 28])
            Dense(64)
            Residual { MultiHeadAttention(heads: 1, keyDim: 64) }
            LayerNormalization()
            Flatten()
            Dense(128, activation: .relu)
            Dense(10)
        }
        transformer.summary(input: [28, 28, 1])
        ```

        ```swift
        let block = Sequential {
            Residual { MultiHeadAttention(heads: 4, keyDim: 16, causal: true) }
            LayerNormalization()
            Residual { Dense(128, activation: .relu); Dense(64) }
            LayerNormalization()
        }
        block.summary(input: [28, 64])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        // Encoder block: attention 4·64·64 + 3·64 + 64 = 16,640, two norms 256, feed-forward 8,320 + 8,256
        XCTAssertTrue(run.allText.contains("Total params: 33,472"), run.allText)
        // Dense 1,856 + attention 4·(64·64 + 64) = 16,640 + LayerNorm 128 + 229,504 + 1,290
        XCTAssertTrue(run.allText.contains("16,640"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 249,418"), run.allText)
    }

    func testRowRNNLearnsRealDigits() throws {
        let run = try runNotebook("""
        ---
        seed: 5
        ---
        ```swift
        let digits = mnist5k()
        let (train, test) = digits.split(0.8, stratified: true)
        let rnn = Sequential {
            SimpleRNN(64)
            Dense(10)
        }
        let history = rnn.fit(train.take(2000), epochs: 3, batchSize: 32, optimizer: Adam(lr: 0.003))
        print(rnn.parameterCount, history.loss[0] > history.loss[2], rnn.evaluate(test).accuracy)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let printed = run.allText.split(separator: "\n").first { $0.hasPrefix("6602 ") } ?? ""
        XCTAssertTrue(printed.hasPrefix("6602 true "),
                      "fewer than 100,000 parameters and the loss fell: \(run.allText)")
        let accuracy = Double(printed.split(separator: " ").last ?? "") ?? 0
        print("row-RNN on mnist5k: test accuracy", accuracy)
        XCTAssertGreaterThan(accuracy, 0.6, "10 classes: chance is 0.1")
    }

    func testLSTMLearnsRealDigits() throws {
        let run = try runNotebook("""
        ---
        seed: 6
        ---
        ```swift
        let (train, test) = mnist5k().split(0.8, stratified: true)
        let lstm = Sequential { LSTM(32); Dense(10) }
        lstm.fit(train.take(2000), epochs: 3, batchSize: 32, optimizer: Adam(lr: 0.005))
        print("accuracy", lstm.evaluate(test).accuracy)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        let printed = run.allText.split(separator: "\n").first { $0.hasPrefix("accuracy ") } ?? ""
        let accuracy = Double(printed.split(separator: " ").last ?? "") ?? 0
        print("LSTM on mnist5k: test accuracy", accuracy)
        XCTAssertGreaterThan(accuracy, 0.65, "10 classes: chance is 0.1; \(run.allText)")
    }

    func testTransferFreezesTheBaseAndTrainsANewHead() throws {
        let path = NSTemporaryDirectory() + "folio-transfer-\(UInt32.random(in: 0 ... .max)).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try runNotebook("""
        ---
        seed: 8
        ---
        ```swift
        let (train, test) = mnist5k().split(0.8, stratified: true)
        let base = Sequential { SimpleRNN(32); Dense(10) }
        base.fit(train.filter(classes: [0, 1, 2, 3, 4]), epochs: 2, optimizer: Adam(lr: 0.005))
        base.save("\(path)")
        ```

        ```swift
        let reused = Model.load("\(path)").replacingLast(1) { Dense(10) }
        reused.freeze(upTo: 1)
        reused.summary(input: [28, 28, 1])
        ```

        ```swift
        let later = train.filter(classes: [5, 6, 7, 8, 9])
        reused.fit(later, epochs: 4, optimizer: Adam(lr: 0.01))
        print("accuracy", reused.evaluate(test.filter(classes: [5, 6, 7, 8, 9])).accuracy)
        let bn = BatchNormalization()
        bn.trainable = false
        print("flag", bn.trainable)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        // SimpleRNN(32) on 28 features (1,952) frozen; the new Dense(10) head (330) trains.
        XCTAssertTrue(run.allText.contains("trainable: 330 · non-trainable: 1,952"), run.allText)
        XCTAssertTrue(run.allText.contains("flag false"), run.allText)
        let printed = run.allText.split(separator: "\n").first { $0.hasPrefix("accuracy ") } ?? ""
        let accuracy = Double(printed.split(separator: " ").last ?? "") ?? 0
        print("transfer 0–4 → 5–9 with a frozen row-RNN: test accuracy", accuracy)
        XCTAssertGreaterThan(accuracy, 0.5, "5 classes: chance is 0.2")
    }

    func testBadRecurrentArgumentsAreReported() throws {
        let run = try runNotebook("""
        ```swift
        let a = LSTM(0)
        ```

        ```swift
        let b = SimpleRNN(8, activation: .softmax)
        ```

        ```swift
        let m = Sequential { LSTM(8) }
        m.summary(input: [784])
        ```

        ```swift
        let d = Bidirectional(Dense(4))
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 4, "\(run.errors)")
        XCTAssertTrue(run.errors.count > 3 && run.errors[3].contains("Bidirectional wraps a recurrent layer"),
                      "\(run.errors)")
        XCTAssertTrue(run.errors[0].contains("'units' must be at least 1"), run.errors[0])
        XCTAssertTrue(run.errors.count > 2 && run.errors[2].contains("(steps, features)"), "\(run.errors)")
    }

    func testEmbeddingsEncodersAndResNetSummaries() throws {
        let run = try runNotebook("""
        ```swift
        let vit = Sequential {
            PatchEmbedding(patch: 4, dim: 64)
            PositionalEmbedding(kind: .learned)
            TransformerEncoder(heads: 4, keyDim: 16, feedForward: 128)
            Flatten()
            Dense(10)
        }
        vit.summary(input: [28, 28, 1])
        ```

        ```swift
        let fixed = Sequential { PositionalEmbedding(kind: .sinusoidal) }
        fixed.summary(input: [28, 64])
        ```

        ```swift
        let down = Sequential { Residual(projection: true) { \
        Conv2D(64, kernel: 3, stride: 2, padding: .same); BatchNormalization() } }
        down.summary(input: [28, 28, 32])
        ```

        ```swift
        let keras = Sequential {
            Residual(shortcut: { Conv2D(64, kernel: 1, stride: 2, useBias: false); BatchNormalization() }) {
                Conv2D(64, kernel: 3, stride: 2, padding: .same, useBias: false); BatchNormalization()
            }
        }
        keras.summary(input: [28, 28, 32])
        ```

        ```swift
        ResNet(stages: [16, 32, 64], blocksPerStage: 2, classes: 10).summary(input: [28, 28, 1])
        ```

        ```swift
        ResNet(stages: [16, 32, 64], blocksPerStage: 2, classes: 10).summary(input: [32, 32, 3])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        // patches (4·4·1)·64 + 64 = 1,088 → (None, 49, 64); positions 49·64 = 3,136; encoder 33,472; Dense 31,370
        XCTAssertTrue(run.allText.contains("(None, 49, 64)"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 69,066"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 0"), run.allText)
        // 3·3·32·64 + 64 = 18,496, BN 256, shortcut 32·64 + 64 = 2,112
        XCTAssertTrue(run.allText.contains("(None, 14, 14, 64)"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 20,864"), run.allText)
        // written shortcut: 3·3·32·64 (no bias) + BN 256, shortcut 32·64 (no bias) + BN 256
        XCTAssertTrue(run.allText.contains("Total params: 20,992"), run.allText)
        // stem 160 + 64; stage 1: 2 × 4,768; stage 2: 14,688 + 18,752; stage 3: 58,048 + 74,368; head 650
        XCTAssertTrue(run.allText.contains("Total params: 176,266"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 176,554"), run.allText)  // stem on 3 channels: 448
    }

    func testTinyResNetAndEncoderLearnRealDigits() throws {
        let run = try runNotebook("""
        ---
        seed: 9
        ---
        ```swift
        let (train, test) = mnist5k().split(0.8, stratified: true)
        let four = [0, 1, 2, 3]
        let resnet = ResNet(stages: [8, 16], blocksPerStage: 1, classes: 10)
        resnet.fit(train.filter(classes: four).take(800), epochs: 3, batchSize: 32, optimizer: Adam(lr: 0.003))
        print("resnet", resnet.evaluate(test.filter(classes: four)).accuracy)
        ```

        ```swift
        let encoder = Sequential {
            Reshape([28, 28]); Dense(32); PositionalEmbedding(kind: .sinusoidal)
            TransformerEncoder(heads: 2, keyDim: 16, feedForward: 64)
            Flatten(); Dense(10)
        }
        encoder.fit(train.take(1000), epochs: 3, batchSize: 32, optimizer: Adam(lr: 0.003))
        print("encoder", encoder.evaluate(test.take(400)).accuracy)
        ```
        """)
        XCTAssertEqual(run.errors, [])
        for (name, chance) in [("resnet", 0.25), ("encoder", 0.1)] {
            let printed = run.allText.split(separator: "\n").first { $0.hasPrefix("\(name) ") } ?? ""
            let accuracy = Double(printed.split(separator: " ").last ?? "") ?? 0
            print("\(name) on mnist5k: test accuracy", accuracy)
            XCTAssertGreaterThan(accuracy, chance + 0.3, "\(name): chance is \(chance); \(run.allText)")
        }
    }

    func testBadEmbeddingArgumentsAreReported() throws {
        let run = try runNotebook("""
        ```swift
        Sequential { PatchEmbedding(patch: 5, dim: 8) }.summary(input: [28, 28, 1])
        ```

        ```swift
        let e = TransformerEncoder(heads: 2, keyDim: 8, feedForward: 32, dropout: 1.5)
        ```

        ```swift
        let r = ResNet(stages: [], classes: 10)
        ```
        """, allowErrors: true)
        XCTAssertEqual(run.errors.count, 3, "\(run.errors)")
        XCTAssertTrue(run.errors.first?.contains("multiples of 5") ?? false, "\(run.errors)")
        XCTAssertTrue(run.errors.count > 1 && run.errors[1].contains("dropout"), "\(run.errors)")
        XCTAssertTrue(run.errors.count > 2 && run.errors[2].contains("stages"), "\(run.errors)")
    }
}
