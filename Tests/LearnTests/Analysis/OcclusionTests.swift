import XCTest
import Tensor
@testable import Learn

final class OcclusionTests: XCTestCase {
    /// 4×4 grey input, Flatten, Dense(2, softmax) whose only non-zero weight links pixel (1, 1)
    /// to class 0 with weight 5: on an all-ones image, class 0 has probability σ(5), and hiding
    /// pixel (1, 1) drops it to exactly 0.5; hiding any other pixel changes nothing.
    private func onePixelModel() throws -> Sequential {
        var kernel = [Float](repeating: 0, count: 16 * 2)
        kernel[(1 * 4 + 1) * 2 + 0] = 5
        return try handBuilt(Sequential { Flatten(); Dense(2, activation: .softmax) }, input: [4, 4, 1],
                             weights: [[], [kernel, [0, 0]]])
    }

    private let ones = Tensor(repeating: 1, shape: [4, 4, 1])
    private let sigmoid5 = Float(1 / (1 + Foundation.exp(-5.0)))

    func testOnlyPatchesCoveringTheWeightedPixelMatter() throws {
        let map = try onePixelModel().occlusion(ones, patch: 2, stride: 2)
        XCTAssertEqual(map.predicted, 0); XCTAssertEqual(map.target, 0)
        XCTAssertEqual(map.score, sigmoid5, accuracy: 1e-5)
        for y in 0..<4 {
            for x in 0..<4 {
                let expected: Float = y < 2 && x < 2 ? sigmoid5 - 0.5 : 0
                XCTAssertEqual(map.values[y * 4 + x], expected, accuracy: 1e-5, "pixel (\(y), \(x))")
            }
        }
    }

    func testOverlappingPatchesAverageTheirDrops() throws {
        // patch 2, stride 1: pixel (0, 0) is covered once (by the patch that hides (1, 1)); pixel
        // (1, 1) by 4 patches that all hide it; pixel (0, 2) by 2 patches, one of which hides (1, 1).
        let map = try onePixelModel().occlusion(ones, patch: 2, stride: 1)
        let drop = sigmoid5 - 0.5
        XCTAssertEqual(map.values[0], drop, accuracy: 1e-5)
        XCTAssertEqual(map.values[5], drop, accuracy: 1e-5)
        XCTAssertEqual(map.values[2], drop / 2, accuracy: 1e-5)
        XCTAssertEqual(map.values[15], 0, accuracy: 1e-6)
    }

    func testTargetClassReportsTheRiseAsNegativeDrop() throws {
        let map = try onePixelModel().occlusion(ones, target: 1, patch: 1)
        XCTAssertEqual(map.target, 1)
        XCTAssertEqual(map.values[5], (1 - sigmoid5) - 0.5, accuracy: 1e-5)
        XCTAssertEqual(map.values.filter { $0 != 0 }.count, 1)
    }

    func testPatchStartsCoverTheEdge() {
        XCTAssertEqual(Sequential.patchStarts(extent: 5, patch: 2, stride: 2), [0, 2, 3])
        XCTAssertEqual(Sequential.patchStarts(extent: 4, patch: 2, stride: 2), [0, 2])
        XCTAssertEqual(Sequential.patchStarts(extent: 3, patch: 3, stride: 2), [0])
    }

    func testBadArgumentsThrow() throws {
        let model = try onePixelModel()
        XCTAssertThrowsError(try model.occlusion(ones, patch: 0))
        XCTAssertThrowsError(try model.occlusion(ones, target: 2, patch: 2))
        XCTAssertThrowsError(try model.occlusion(Tensor(zeros: [2, 4, 4, 1]), patch: 2)) { error in
            XCTAssertTrue("\(error)".contains("expected one input"), "\(error)")
        }
    }
}
