import CellOutput
import Foundation
import FolioTestSupport
import Report
import XCTest

/// SelfAttention and recurrent dropout from notebook cells.
final class SelfAttentionNotebookTests: XCTestCase {
    func testSelfAttentionAndRecurrentDropoutBuildTrainAndSummarise() throws {
        let run = try runNotebook("""
        ```swift
        let attention = Sequential { Reshape([28, 28]); SelfAttention(units: 16); Flatten(); Dense(10) }
        attention.summary(input: [28, 28, 1])
        ```

        ```swift
        let data = Datasets.sequences(.anbn, count: 40, steps: 12)
        let model = Sequential {
            LSTM(8, returnSequences: true, dropout: 0.2, recurrentDropout: 0.2)
            SelfAttention(units: 8, useBias: false)
            Dense(data.symbols.count)
        }
        let history = model.fit(data, epochs: 2, batchSize: 8, seed: 1)
        print("epochs", history.loss.count)
        ```

        ```swift
        //| error: true
        SelfAttention(units: 0)
        ```
        """)
        XCTAssertEqual(run.errors.count, 1, "\(run.errors)")
        // SelfAttention(units: 16) on 28 features: 3·(28·16 + 16) = 1,392; Dense on 28·16: 4,490
        XCTAssertTrue(run.allText.contains("1,392"), run.allText)
        XCTAssertTrue(run.allText.contains("(None, 28, 16)"), run.allText)
        XCTAssertTrue(run.allText.contains("Total params: 5,882"), run.allText)
        XCTAssertTrue(run.allText.contains("epochs 2"), run.allText)
        XCTAssertTrue(run.errors.first?.contains("'units' must be at least 1") ?? false, "\(run.errors)")
    }
}
