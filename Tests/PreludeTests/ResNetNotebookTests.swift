import CellOutput
import Foundation
import FolioTestSupport
import Report
import XCTest

/// torchvision-layout ResNets from notebook cells.
final class ResNetNotebookTests: XCTestCase {
    func testTorchvisionResNetsBuildAndSummarise() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LearnTests/Fixtures/resnet-small.safetensors").standardized.path
        let run = try runNotebook("""
        ```swift
        ResNet50(classes: 1000, input: [64, 64, 3]).summary(input: [64, 64, 3])
        ```

        ```swift
        let small = ResNet(blocks: [2, 1, 1, 1], widths: [4, 8, 8, 8], classes: 5, input: [32, 32, 3])
        let report = small.loadWeights("\(fixture)")
        print("unused", report.unused.count)
        Sequential { Bottleneck(4, stride: 2); GlobalAveragePooling2D(); Dense(3) }.summary(input: [8, 8, 16])
        ```
        """)
        XCTAssertEqual(run.errors, [])
        XCTAssertTrue(run.allText.contains("trainable: 25,557,032"), run.allText)
        XCTAssertTrue(run.allText.contains("unused 0"), run.allText)
        // 16·4 + 9·4·4 + 4·16 + 2·(4 + 4 + 16) + 16·16 + 2·16 = 624 trainable, plus 56 statistics
        XCTAssertTrue(run.allText.contains("(None, 4, 4, 16)"), run.allText)
    }
}
