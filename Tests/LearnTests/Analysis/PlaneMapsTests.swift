import XCTest
import Tensor
@testable import Learn

final class PlaneMapsTests: XCTestCase {
    func testGridRunsTopRowFirstAndMapsBack() throws {
        let grid = try PlaneGrid(x: -1...1, y: 0...2, resolution: 3)
        XCTAssertEqual(grid.inputs.scalars, [-1, 2, 0, 2, 1, 2, -1, 1, 0, 1, 1, 1, -1, 0, 0, 0, 1, 0])
        XCTAssertTrue(grid.pixel(x: 1, y: 0)! == (2, 2))
        XCTAssertNil(grid.pixel(x: 3, y: 0))
        let covering = try PlaneGrid(covering: [0, 0, 10, 5], margin: 0.1)
        XCTAssertEqual(covering.xRange, -1...11); XCTAssertEqual(covering.yRange, -0.5...5.5)
    }

    func testDecisionRegionsSplitAtTheLearnedBoundary() throws {
        // logits (0, 4x): class 1 right of x = 0.
        let model = try handBuilt(Sequential { Dense(2, activation: .softmax) }, input: [2],
                                  weights: [[[0, 4, 0, 0], [0, 0]]])
        let grid = try PlaneGrid(x: -1...1, y: -1...1, resolution: 5)
        let (classes, confidence) = try model.decisionRegions(over: grid)
        for row in 0..<5 { XCTAssertEqual(Array(classes[(row * 5)..<(row * 5 + 5)]), [0, 0, 0, 1, 1]) }
        XCTAssertEqual(confidence[0], Float(1 / (1 + exp(-4.0))), accuracy: 1e-5)
    }

    func testHiddenUnitMapsShowEachUnitOverThePlane() throws {
        // Hidden layer relu(x), relu(y); the output layer does not matter here.
        let model = try handBuilt(Sequential { Dense(2, activation: .relu); Dense(2, activation: .softmax) },
                                  input: [2],
                                  weights: [[[1, 0, 0, 1], [0, 0]]])
        let grid = try PlaneGrid(x: -1...1, y: -1...1, resolution: 3)
        let maps = try model.hiddenUnitMaps(over: grid, layer: 0)
        XCTAssertEqual(maps.count, 2)
        XCTAssertEqual(maps[0], [0, 0, 1, 0, 0, 1, 0, 0, 1])   // relu(x), columns left to right
        XCTAssertEqual(maps[1], [1, 1, 1, 0, 0, 0, 0, 0, 0])   // relu(y), top row is y = 1
    }

    func testActivationsThroughLastLayerEqualPredict() throws {
        let model = Sequential { Dense(3, activation: .tanh); Dense(2, activation: .softmax) }
        try model.build(input: [2], seed: 3)
        let x = randomTensor([7, 2], seed: 2)
        XCTAssertEqual(try model.activations(x, throughLayer: 1, batchSize: 3).scalars, try model.predict(x).scalars)
        XCTAssertThrowsError(try model.activations(x,
                                                   throughLayer: 2)) { XCTAssertTrue("\($0)".contains("layers 0...1")) }
    }

    func testImageModelsAreRejected() throws {
        let model = Sequential { Flatten(); Dense(2) }
        try model.build(input: [2, 2, 1], seed: 1)
        XCTAssertThrowsError(try model.decisionRegions(over: PlaneGrid(x: 0...1, y: 0...1))) {
            XCTAssertTrue("\($0)".contains("2 inputs"))
        }
    }
}
