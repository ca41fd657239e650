import FolioTestSupport
import XCTest

/// Cell constructors derived from the layer descriptions (`LayerConstructors`) keep the names,
/// labels, defaults and messages notebooks were written against.
final class LayerConstructorTests: XCTestCase {
    /// Every layer constructor's signature as argument errors show it: the same as the
    /// hand-written bindings had before the constructors were derived.
    private let signatures = [
        "Dense(_ units: Int, activation: Activation? = nil)",
        "Conv2D(_ filters: Int, kernel: Int, stride: Int = 1, padding: Any = .valid, "
            + "activation: Activation? = nil, useBias: Bool = true)",
        "MaxPool2D(_ size: Int = 2, stride: Int? = nil, padding: Any = .valid)",
        "AvgPool2D(_ size: Int = 2, stride: Int? = nil, padding: Any = .valid)",
        "GlobalAveragePooling2D()",
        "BatchNormalization(momentum: Double = 0.99, epsilon: Double = 0.001)",
        "Dropout(_ rate: Double)",
        "Flatten()",
        "Reshape(_ shape: [Int])",
        "Activation(_ function: Activation)",
        "SimpleRNN(_ units: Int, activation: Activation = .tanh, returnSequences: Bool = false, dropout: Double = 0.0, "
            + "recurrentDropout: Double = 0.0)",
        "LSTM(_ units: Int, returnSequences: Bool = false, dropout: Double = 0.0, recurrentDropout: Double = 0.0)",
        "GRU(_ units: Int, returnSequences: Bool = false, dropout: Double = 0.0, recurrentDropout: Double = 0.0)",
        "Bidirectional(_ layer: Layer)",
        "LayerNormalization(epsilon: Double = 0.001)",
        "MultiHeadAttention(heads: Int, keyDim: Int, causal: Bool = false)",
        "SelfAttention(units: Int, useBias: Bool = true)",
        "Residual(_ layers: () -> [Any]) or Residual(projection: Bool, _ layers: () -> [Any]) "
            + "or Residual(shortcut: () -> [Any], _ layers: () -> [Any])",
        "Bottleneck(_ planes: Int, stride: Int = 1, momentum: Double = 0.9, epsilon: Double = 1e-05)",
        "PositionalEmbedding(kind: PositionalKind = .learned)",
        "PatchEmbedding(patch: Int, dim: Int)",
        "TransformerEncoder(heads: Int, keyDim: Int, feedForward: Int, dropout: Double = 0.0)",
    ]

    func testEveryConstructorKeepsItsSignature() throws {
        let names = signatures.map { String($0.prefix { $0 != "(" }) }
        let cells = names.map { "```swift\nlet x = \($0)(zzz: 1)\n```" }.joined(separator: "\n\n")
        let run = try runNotebook(cells, allowErrors: true)
        XCTAssertEqual(run.errors.count, signatures.count, "\(run.errors)")
        for (error, signature) in zip(run.errors, signatures) {
            XCTAssertTrue(error.contains("expected " + signature), "\(error)\nwanted \(signature)")
        }
    }

    func testOptionChecksKeepTheirWording() throws {
        let cases: [(code: String, message: String)] = [
            ("Dense(0)", "'units' must be at least 1, got 0"),
            ("Conv2D(4, kernel: 0)", "'kernel' must be at least 1, got 0"),
            ("Conv2D(4, kernel: 3, stride: 0)", "'stride' must be at least 1, got 0"),
            ("Conv2D(4, kernel: 3, padding: -1)", "'padding' must be .valid, .same or a number of zeros ≥ 0"),
            ("Conv2D(4, kernel: 3, padding: .full)",
             "'padding' must be .valid, .same or a number of zeros on each side"),
            ("MaxPool2D(2, stride: 0)", "'stride' must be at least 1, got 0"),
            ("Dropout(1.5)", "Dropout rate must be in 0..<1, got 1.5"),
            ("Reshape([])", "Reshape needs positive sizes without the batch, such as [28, 28, 1]; got []"),
            ("LayerNormalization(epsilon: 0)", "LayerNormalization needs a positive epsilon, got 0.0"),
            ("TransformerEncoder(heads: 2, keyDim: 8, feedForward: 32, dropout: 1.5)",
             "TransformerEncoder dropout must be in 0..<1, got 1.5"),
            ("PatchEmbedding(patch: 4, dim: 0)", "'dim' must be at least 1, got 0"),
            ("MultiHeadAttention(heads: 0, keyDim: 8)", "'heads' must be at least 1, got 0"),
            ("Bidirectional(Dense(4))", "Bidirectional wraps a recurrent layer (SimpleRNN, LSTM or GRU), such as "
                + "Bidirectional(LSTM(64)); got Dense"),
            ("SimpleRNN(8, activation: .softmax)", "type 'Activation' has no member 'softmax'"),
            ("Dense(4, activation: .rellu)", "did you mean 'relu'?"),
            ("Residual { Dense(4); 3 }", "Residual { … } holds only layers, but item 2 is Int"),
        ]
        let cells = cases.map { "```swift\nlet x = \($0.code)\n```" }.joined(separator: "\n\n")
        let run = try runNotebook(cells, allowErrors: true)
        XCTAssertEqual(run.errors.count, cases.count, "\(run.errors)")
        for (error, expected) in zip(run.errors, cases) {
            XCTAssertTrue(error.contains(expected.message), "\(expected.code): \(error)")
        }
    }

    func testArgumentsReachTheLayers() throws {
        let run = try runNotebook("""
        ```swift
        let shared = Dense(4)
        let m = Sequential {
            Conv2D(6, kernel: 3, stride: 2, padding: 1, useBias: false)
            MaxPool2D(3, stride: 1, padding: .same)
            Residual(shortcut: { Conv2D(8, kernel: 1, stride: 2) }) { Conv2D(8, kernel: 3, stride: 2, padding: .same) }
            Residual(projection: true) { Conv2D(10, kernel: 3, padding: .same) }
            Flatten()
            Dense(3, activation: .softmax)
        }
        m.summary(input: [12, 12, 1])
        ```

        ```swift
        let bad = Residual(shortcut: { shared }) { shared }
        ```
        """, allowErrors: true)
        // Conv2D 3×3, stride 2, one zero each side, no bias: 12 → 6, 9·1·6 = 54 weights; pooling 3,
        // stride 1, same keeps 6×6; the residual halves it with 8 channels: 9·6·8 + 8 and a 1×1
        // shortcut 6·8 + 8 = 496; the projected one learns a 1×1 Conv2D: 9·8·10 + 10 + 8·10 + 10.
        func row(_ layer: String) -> String? {
            run.allText.split(separator: "\n").first { $0.hasPrefix(layer) }.map(String.init)
        }
        XCTAssertEqual(row("conv2d (Conv2D)")?.split(separator: " ").suffix(5), ["(None,", "6,", "6,", "6)", "54"])
        XCTAssertEqual(row("max_pooling2d ")?.contains("(None, 6, 6, 6)"), true, run.allText)
        XCTAssertEqual(row("residual (Residual)")?.split(separator: " ").suffix(5), ["(None,", "3,", "3,", "8)", "496"])
        XCTAssertEqual(row("residual_1 (Residual)")?.split(separator: " ").suffix(5),
                       ["(None,", "3,", "3,", "10)", "820"])
        XCTAssertEqual(run.errors.count, 1, "\(run.errors)")
        XCTAssertTrue(run.errors.first?.contains("the layer Dense is in both the shortcut and the block") == true,
                      "\(run.errors)")
    }
}
