import XCTest
import Tensor
@testable import Learn

final class TrainingTests: XCTestCase {
    func mlp() -> Sequential { Sequential { Flatten(); Dense(16, activation: .tanh); Dense(4) } }
    func cnn() -> Sequential {
        Sequential {
            Conv2D(4, kernelSize: 3, padding: .same, activation: .relu); MaxPool2D(2)
            Flatten(); Dense(4, activation: .softmax)
        }
    }

    func testMLPLearnsAndLossFalls() throws {
        let train = try quadrantBlobs(count: 256, seed: 1), test = try quadrantBlobs(count: 128, seed: 2)
        let h = try mlp().fit(train, epochs: 4, batchSize: 16, optimizer: Adam(learningRate: 0.01), seed: 3,
                              progress: nil)
        XCTAssertLessThan(h.losses.last!, h.losses.first! * 0.7)
        let model = mlp()
        try model.fit(train, validation: test, epochs: 4, batchSize: 16, optimizer: Adam(learningRate: 0.01), seed: 3,
                      progress: nil)
        let e = try model.evaluate(test)
        XCTAssertGreaterThan(e.accuracy, 0.8)
        XCTAssertEqual(e.confusion.flatMap { $0 }.reduce(0, +), 128)
        XCTAssertEqual(e.predictions.count, 128)
        XCTAssertTrue(e.f1.allSatisfy { $0 > 0.5 }, "\(e.f1)")
    }

    func testCNNWithSoftmaxOutputLearns() throws {
        let train = try quadrantBlobs(count: 256, seed: 4), test = try quadrantBlobs(count: 128, seed: 5)
        let model = cnn()
        let h = try model.fit(train, validation: test, epochs: 4, batchSize: 16, optimizer: Adam(learningRate: 0.01),
                              seed: 6, progress: nil)
        XCTAssertGreaterThan(h.epochs.last!.validationAccuracy!, 0.8)
        let probabilities = try model.predict(test.inputs)
        XCTAssertEqual(probabilities.shape, [128, 4])
        XCTAssertEqual(Array(probabilities.scalars[0..<4]).reduce(0, +), 1, accuracy: 1e-5)
    }

    func testSeededRunsAreIdenticalAndUnseededDiffer() throws {
        let data = try quadrantBlobs(count: 64, seed: 7)
        func run(_ seed: UInt64?) throws -> (History, [Float]) {
            let m = Sequential { Flatten(); Dense(8, activation: .relu); Dropout(0.2); Dense(4) }
            let h = try m.fit(data, epochs: 2, batchSize: 8, seed: seed, progress: nil)
            return (h, m.allParameters.flatMap { $0.parameter.variable.value.scalars })
        }
        let (h1, w1) = try run(42), (h2, w2) = try run(42), (_, w3) = try run(nil)
        XCTAssertEqual(h1.losses, h2.losses)
        XCTAssertEqual(w1, w2)
        XCTAssertNotEqual(w1, w3)
    }

    func testHugeLearningRateStopsWithNaNErrorAndKeepsFiniteWeights() throws {
        let data = try quadrantBlobs(count: 128, seed: 8)
        let model = Sequential { Flatten(); Dense(32, activation: .relu); Dense(32, activation: .relu); Dense(4) }
        XCTAssertThrowsError(try model.fit(data, epochs: 5, batchSize: 16, optimizer: SGD(learningRate: 1e12), seed: 1,
                                           progress: nil)) { error in
            guard case let LearnError.nonFiniteLoss(epoch, batch, _) = error else {
                return XCTFail("wrong error \(error)")
            }
            XCTAssertGreaterThanOrEqual(epoch, 1); XCTAssertGreaterThanOrEqual(batch, 1)
            XCTAssertTrue("\(error)".contains("epoch \(epoch), batch \(batch)"))
        }
        let weights = model.allParameters.flatMap { $0.parameter.variable.value.scalars }
        XCTAssertTrue(weights.allSatisfy(\.isFinite))
    }

    /// A NaN input at the third batch: fit must leave the weights the second batch used (the update that
    /// batch made is not trusted either), for every optimizer, since each saves them in its own kernel.
    func testNonFiniteLossRestoresTheWeightsOfTheLastFiniteBatch() throws {
        let blobs = try quadrantBlobs(count: 3, seed: 12)
        var inputs = blobs.inputs
        inputs.mutablePointer[2 * 64 + 5] = .nan
        let poisoned = try InMemoryBatches(inputs: inputs, labels: blobs.labels, classCount: 4)
        let first = try InMemoryBatches(inputs: try Tensor(shape: [1, 8, 8, 1], scalars: Array(inputs.scalars[0..<64])),
                                        labels: [blobs.labels[0]], classCount: 4)
        for optimizer in [{ Adam(learningRate: 0.01) }, { RMSProp(learningRate: 0.01) },
                          { SGD(learningRate: 0.1, momentum: 0.9) }] as [() -> Optimizer] {
            func model() -> Sequential { Sequential { Flatten(); Dense(6, activation: .tanh); Dense(4) } }
            let trained = model()
            XCTAssertThrowsError(try trained.fit(poisoned, epochs: 1, batchSize: 1, optimizer: optimizer(), seed: 3,
                                                 shuffle: false, progress: nil))
            let reference = model()  // one update, from the first sample only
            try reference.fit(first, epochs: 1, batchSize: 1, optimizer: optimizer(), seed: 3, shuffle: false,
                              progress: nil)
            XCTAssertEqual(trained.allParameters.flatMap { $0.parameter.variable.value.scalars },
                           reference.allParameters.flatMap { $0.parameter.variable.value.scalars },
                           "\(optimizer().name)")
        }
    }

    func testEarlyStoppingRestoresBestWeights() throws {
        let train = try quadrantBlobs(count: 64, seed: 9), clean = try quadrantBlobs(count: 64, seed: 10)
        // Validation labels rotated by one class: the better the model fits, the worse validation gets.
        let val = try InMemoryBatches(inputs: clean.inputs, labels: clean.labels.map { ($0 + 1) % 4 }, classCount: 4)
        let model = mlp(), stopper = EarlyStopping(monitor: .validationLoss, patience: 2, restoreBestWeights: true)
        let h = try model.fit(train, validation: val, epochs: 30, batchSize: 8, optimizer: Adam(learningRate: 0.01),
                              callbacks: [stopper], seed: 11, progress: nil)
        XCTAssertLessThan(h.epochs.count, 30, "\(h.epochs.map { $0.validationLoss! })")
        let best = h.epochs.map { $0.validationLoss! }.min()!
        let final = try model.evaluate(val)
        XCTAssertEqual(final.loss, best, accuracy: 1e-4)
    }

    func testSchedulerAndPlateauChangeLearningRate() throws {
        let data = try quadrantBlobs(count: 32, seed: 12)
        let h = try mlp().fit(data, epochs: 3, batchSize: 8, optimizer: SGD(learningRate: 0.1),
                              callbacks: [LearningRateScheduler(.exponential(rate: 0.5))], seed: 1, progress: nil)
        XCTAssertEqual(h.epochs.map(\.learningRate), [0.1, 0.05, 0.025])
        let clean = try quadrantBlobs(count: 64, seed: 10)
        let rotated = try InMemoryBatches(inputs: clean.inputs, labels: clean.labels.map { ($0 + 1) % 4 },
                                          classCount: 4)
        let plateau = ReduceLROnPlateau(monitor: .validationLoss, factor: 0.5, patience: 1)
        let h2 = try mlp().fit(clean, validation: rotated, epochs: 4, batchSize: 8, optimizer: Adam(learningRate: 0.01),
                               callbacks: [plateau], seed: 1, progress: nil)
        XCTAssertEqual(h2.epochs.first!.learningRate, 0.01)
        XCTAssertLessThanOrEqual(h2.epochs.last!.learningRate, 0.0025 + 1e-9)  // halved after each worse epoch
    }

    func testOtherLossesAndL2Train() throws {
        let data = try quadrantBlobs(count: 128, seed: 13)
        let mse = try mlp().fit(data, epochs: 3, batchSize: 16, optimizer: Adam(learningRate: 0.01),
                                loss: .meanSquaredError, seed: 1, progress: nil)
        XCTAssertLessThan(mse.losses.last!, mse.losses.first!)
        let l2 = try mlp().fit(data, epochs: 3, batchSize: 16, optimizer: Adam(learningRate: 0.01), l2: 0.01, seed: 1,
                               progress: nil)
        let plain = try mlp().fit(data, epochs: 3, batchSize: 16, optimizer: Adam(learningRate: 0.01), seed: 1,
                                  progress: nil)
        XCTAssertGreaterThan(l2.losses[0], plain.losses[0])  // the penalty is part of the reported loss
        var binaryLabels = data.labels.map { $0 % 2 }
        let binary = try InMemoryBatches(inputs: data.inputs, labels: binaryLabels, classCount: 2)
        binaryLabels.removeAll()
        let bce = try Sequential { Flatten(); Dense(8, activation: .tanh); Dense(1, activation: .sigmoid) }
            .fit(binary, epochs: 4, batchSize: 16, optimizer: Adam(learningRate: 0.01), loss: .binaryCrossEntropy,
                 seed: 1, progress: nil)
        XCTAssertGreaterThan(bce.accuracies.last!, 0.8)
    }

    func testBadArgumentsThrow() throws {
        let data = try quadrantBlobs(count: 8, seed: 1)
        XCTAssertThrowsError(try mlp().fit(data, epochs: 0, progress: nil))
        XCTAssertThrowsError(try mlp().fit(data, epochs: 1, batchSize: 0, progress: nil))
        XCTAssertThrowsError(try Sequential { Flatten(); Dense(2) }.fit(data, epochs: 1, progress: nil)) { e in
            XCTAssertTrue("\(e)".contains("Dense(4)"), "\(e)")
        }
        XCTAssertThrowsError(try InMemoryBatches(inputs: Tensor(zeros: [2, 3]), labels: [0], classCount: 2))
    }
}
