import XCTest
import Tensor
@testable import Learn

/// Recurrent layers learning: rows of an image as a sequence, and counting in aⁿbⁿ.
final class RecurrentTrainingTests: XCTestCase {
    func testRowRNNsLearnImagesReadRowByRow() throws {
        // Quadrant blobs (4 classes, chance 25%) read as 8 rows of 8 pixels.
        let train = try quadrantBlobs(count: 600, seed: 1), test = try quadrantBlobs(count: 200, seed: 2)
        for (name, layer) in [("SimpleRNN", SimpleRNN(16) as Layer), ("GRU", GRU(16)), ("LSTM", LSTM(16))] {
            let model = Sequential { layer; Dense(4) }
            let history = try model.fit(train, epochs: 4, batchSize: 32, optimizer: Adam(learningRate: 0.01), seed: 3,
                                        progress: nil)
            let accuracy = try model.evaluate(test).accuracy
            XCTAssertLessThan(history.epochs.last!.loss, history.epochs.first!.loss, name)
            XCTAssertGreaterThan(accuracy, 0.8, "\(name): chance is 0.25")
        }
    }

    func testLSTMLearnsToCountInAnBn() throws {
        let train = CountingStrings(multiples: [1, 1], count: 300, steps: 30, seed: 4)
        let test = CountingStrings(multiples: [1, 1], count: 100, steps: 30, seed: 5)
        let model = Sequential { LSTM(12, returnSequences: true); Dense(2) }
        let history = try model.fit(train, epochs: 8, batchSize: 16, optimizer: Adam(learningRate: 0.02), seed: 6,
                                    progress: nil)
        let result = try model.evaluate(test)
        print("aⁿbⁿ: deterministic-step accuracy per epoch", history.epochs.map(\.accuracy),
              "test", result.accuracy)
        XCTAssertEqual(result.labels.count, test.deterministic.filter { $0 }.count,
                       "only deterministic steps are scored")
        XCTAssertGreaterThan(result.accuracy, 0.98, "counting a's predicts every b and the next string's a")
    }

    func testLSTMLearnsToCountInAnB2nC3n() throws {
        let train = CountingStrings(multiples: [1, 2, 3], count: 400, steps: 40, seed: 7)
        let test = CountingStrings(multiples: [1, 2, 3], count: 100, steps: 40, seed: 8)
        let model = Sequential { LSTM(16, returnSequences: true); Dense(3) }
        let history = try model.fit(train, epochs: 12, batchSize: 16, optimizer: Adam(learningRate: 0.02), seed: 9,
                                    progress: nil)
        let result = try model.evaluate(test)
        print("aⁿb²ⁿc³ⁿ: deterministic-step accuracy per epoch", history.epochs.map(\.accuracy), "test",
              result.accuracy)
        XCTAssertGreaterThan(result.accuracy, 0.95, "b's, c's and the next a are all determined by n")
    }

    func testPerStepLabelsNeedPerStepOutputs() throws {
        let model = Sequential { LSTM(4); Dense(2) }
        XCTAssertThrowsError(try model.fit(CountingStrings(multiples: [1, 1], count: 10, steps: 8, seed: 1), epochs: 1,
                                           progress: nil)) { error in
            XCTAssertTrue("\(error)".contains("returnSequences: true"), "\(error)")
        }
    }
}

/// Strings aⁿbⁿ (multiples [1, 1]) or aⁿb²ⁿc³ⁿ ([1, 2, 3]), n in 1...4, written back to back
/// (Datasets' SequenceDataset encoding); input: one-hot symbol at each step, label: the next
/// symbol, mask: 1 where the next symbol is determined by the prefix (after the first b, and
/// after 4 a's).
struct CountingStrings: LabeledSequences {
    let symbolCount: Int, count: Int, steps: Int
    var symbols: [Int32] = [], deterministic: [Bool] = []
    init(multiples: [Int], count: Int, steps: Int, seed: UInt64) {
        self.symbolCount = multiples.count; self.count = count; self.steps = steps
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<count {
            var stream: [Int32] = [], known: [Bool] = []
            while stream.count <= steps {
                let n = 1 + Int(rng.next() % 4)
                for (symbol, multiple) in multiples.enumerated() {
                    for k in 1...(n * multiple) { stream.append(Int32(symbol)); known.append(symbol > 0 || k >= 4) }
                }
            }
            symbols += stream[0...steps]; deterministic += known[0..<steps]
        }
    }
    var sampleShape: [Int] { [steps, symbolCount] }
    var classCount: Int { symbolCount }
    var labelsPerSample: Int { steps }
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>) {
        inputs.update(repeating: 0, count: indices.count * steps * symbolCount)
        for (k, i) in indices.enumerated() {
            for t in 0..<steps {
                inputs[(k * steps + t) * symbolCount + Int(symbols[i * (steps + 1) + t])] = 1
                labels[k * steps + t] = symbols[i * (steps + 1) + t + 1]
            }
        }
    }
    func fillMask(indices: ArraySlice<Int>, mask: UnsafeMutablePointer<Float>) {
        for (k, i) in indices.enumerated() {
            for t in 0..<steps { mask[k * steps + t] = deterministic[i * steps + t] ? 1 : 0 }
        }
    }
}
