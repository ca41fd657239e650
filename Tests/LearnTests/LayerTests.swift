import XCTest
import Tensor
@testable import Learn

final class LayerTests: XCTestCase {
    /// The issue's CNN: Keras reports 93,322 parameters.
    static func issueCNN() -> Sequential {
        Sequential {
            Conv2D(32, kernelSize: 3, activation: .relu)
            MaxPool2D(2)
            Conv2D(64, kernelSize: 3, activation: .relu)
            MaxPool2D(2)
            Conv2D(64, kernelSize: 3, activation: .relu)
            Flatten()
            Dense(64, activation: .relu)
            Dense(10)
        }
    }

    func testIssueCNNSummaryMatchesKeras() throws {
        let s = try Self.issueCNN().summary(input: [28, 28, 1])
        XCTAssertEqual(s.total, 93_322)
        XCTAssertEqual(s.trainable, 93_322)
        XCTAssertEqual(s.nonTrainable, 0)
        XCTAssertEqual(s.rows.map(\.parameters), [320, 0, 18_496, 0, 36_928, 0, 36_928, 650])
        XCTAssertEqual(s.rows[0],
                       SummaryRow(layer: "conv2d (Conv2D)", outputShape: "(None, 26, 26, 32)", parameters: 320))
        XCTAssertEqual(s.rows[3].layer, "max_pooling2d_1 (MaxPooling2D)")
        XCTAssertEqual(s.rows[5].outputShape, "(None, 576)")
        XCTAssertTrue(s.description.contains("Total params: 93,322"))
    }

    func testMLPAndBatchNormCounts() throws {
        let mlp = Sequential { Flatten(); Dense(150, activation: .tanh); Dense(10) }
        XCTAssertEqual(try mlp.summary(input: [28, 28, 1]).total, 119_260)
        let bn = try Sequential { BatchNormalization() }.summary(input: [5, 5, 32])
        XCTAssertEqual(bn.total, 128)
        XCTAssertEqual(bn.nonTrainable, 64)
        XCTAssertEqual(bn.trainable, 64)
    }

    func testOutputShapesOfOtherLayers() throws {
        let m = Sequential {
            Conv2D(4, kernelSize: 3, strides: 2, padding: .same)
            AvgPool2D(2, padding: .same)
            Reshape([8, 8, 1])
            GlobalAveragePooling2D()
            Dropout(0.5)
            ActivationLayer(.gelu)
        }
        let s = try m.summary(input: [15, 15, 3])
        XCTAssertEqual(s.rows.map(\.outputShape),
                       ["(None, 8, 8, 4)", "(None, 4, 4, 4)", "(None, 8, 8, 1)", "(None, 1)", "(None, 1)", "(None, 1)"])
        XCTAssertEqual(s.rows[0].parameters, 3 * 3 * 3 * 4 + 4)
    }

    func testBuilderSupportsConditionsAndLoops() throws {
        let deep = true
        let m = Sequential {
            Flatten()
            for width in [8, 4] { Dense(width, activation: .relu) }
            if deep { Dropout(0.1) } else { BatchNormalization() }
            Dense(2)
        }
        XCTAssertEqual(try m.summary(input: [3]).rows.map(\.layer),
                       ["flatten (Flatten)", "dense (Dense)", "dense_1 (Dense)", "dropout (Dropout)",
                        "dense_2 (Dense)"])
    }

    func testBadShapesThrowClearErrors() {
        XCTAssertThrowsError(try Sequential { Conv2D(4, kernelSize: 5) }.summary(input: [3, 3, 1])) { e in
            XCTAssertTrue("\(e)".contains("conv2d"), "\(e)")
        }
        XCTAssertThrowsError(try Sequential { Reshape([7]) }.summary(input: [2, 3]))
        XCTAssertThrowsError(try Sequential { Conv2D(4, kernelSize: 3) }.summary(input: [28, 28]))
    }

    /// Gradient check through each layer kind, inputs and weights together, in training mode.
    func testLayerGradients() throws {
        let stacks: [(String, [Int], () -> Sequential)] = [
            ("dense", [5], { Sequential { Dense(4, activation: .tanh); Dense(3, activation: .softmax) } }),
            ("conv", [6, 6, 2], {
                Sequential {
                    Conv2D(3, kernelSize: 3, padding: .same, activation: .elu, alpha: 1); MaxPool2D(2)
                    Flatten(); Dense(2)
                }
            }),
            ("pool", [6, 6, 2], {
                Sequential { AvgPool2D(2); Conv2D(2, kernelSize: 2, activation: .sigmoid); GlobalAveragePooling2D() }
            }),
            ("bn", [4, 4, 3], {
                Sequential { BatchNormalization(); Reshape([16, 3]); Dense(2, activation: .tanh); Dropout(0.3) }
            }),
        ]
        for (name, shape, make) in stacks {
            let model = make()
            try model.build(input: shape, seed: 1)
            let x = randomVariable([3] + shape, seed: 2)
            let inputs = [x] + model.allParameters.map(\.parameter).filter(\.trainable).map(\.variable)
            try assertGradientsMatch(inputs, step: 3e-3) { tape in
                try model.forward(x, context: ForwardContext(tape: tape, training: true, rng: SeededGenerator(seed: 5)))
            }
            print("checked", name)
        }
    }

    func testBatchNormUsesMovingStatisticsAtInference() throws {
        let model = Sequential { BatchNormalization(momentum: 0) }  // momentum 0: moving stats = last batch's
        try model.build(input: [2])
        let x = Variable(try Tensor(shape: [4, 2], scalars: [1, 10, 3, 10, 5, 20, 7, 20]), requiresGrad: false)
        let train = try model.forward(x, context: ForwardContext(tape: nil, training: true))
        XCTAssertEqual(train.value.mean(), 0, accuracy: 1e-5)
        let stats = model.allParameters.map(\.parameter)
        XCTAssertEqual(stats[2].variable.value.scalars, [4, 15])
        XCTAssertEqual(stats[3].variable.value.scalars, [5, 25])
        let one = Variable(try Tensor(shape: [1, 2], scalars: [4, 20]), requiresGrad: false)
        let inference = try model.forward(one, context: ForwardContext(tape: nil, training: false))
        XCTAssertEqual(inference.value[flat: 0], 0, accuracy: 1e-5)
        XCTAssertEqual(inference.value[flat: 1], 5 / (25 + 1e-3).squareRoot(), accuracy: 1e-4)
    }

    func testDropoutIsIdentityAtInferenceAndScalesInTraining() throws {
        let model = Sequential { Dropout(0.5) }
        try model.build(input: [1000])
        let x = Variable(Tensor(repeating: 1, shape: [1, 1000]), requiresGrad: false)
        XCTAssertEqual(try model.forward(x, context: ForwardContext(tape: nil, training: false)).value.scalars,
                       x.value.scalars)
        let y = try model.forward(x,
                                  context: ForwardContext(tape: nil, training: true,
                                                          rng: SeededGenerator(seed: 3))).value.scalars
        XCTAssertEqual(Set(y), [0, 2])
        XCTAssertEqual(Double(y.filter { $0 == 0 }.count), 500, accuracy: 60)
    }
}
