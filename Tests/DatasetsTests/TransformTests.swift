import XCTest
@testable import Datasets

/// A dataset of `counts[c]` 3×3 images of class `c`; image `i` has every pixel equal to `i % 256`.
func syntheticImages(counts: [Int]) -> ImageDataset {
    let labels = counts.enumerated().flatMap { c, n in [Int32](repeating: Int32(c), count: n) }
    let pixels = labels.indices.flatMap { i in [UInt8](repeating: UInt8(i % 256), count: 9) }
    let store = ImageStore(pixels: .bytes(pixels), labels: labels, sampleShape: [3, 3, 1])
    return ImageDataset(store: store, classCount: counts.count, name: "synthetic")
}

final class TransformTests: XCTestCase {
    func testShuffleIsAPermutationAndSeeded() {
        let data = syntheticImages(counts: [30, 20, 10])
        let a = data.shuffled(seed: 7), b = data.shuffled(seed: 7), c = data.shuffled(seed: 8)
        XCTAssertEqual(a.rows, b.rows)
        XCTAssertNotEqual(a.rows, c.rows)
        XCTAssertEqual(a.rows.sorted(), data.rows)
    }

    func testSplitSizesAndDisjointness() throws {
        let data = syntheticImages(counts: [30, 20, 10])
        let (train, validation) = try data.split(0.8, seed: 1)
        XCTAssertEqual(train.count, 48)
        XCTAssertEqual(validation.count, 12)
        XCTAssertEqual(Set(train.rows).intersection(validation.rows), [])
        XCTAssertEqual((train.rows + validation.rows).sorted(), data.rows)
        assertDatasetError(try data.split(1.0), contains: ["between 0 and 1", "found 1.0"])
    }

    func testStratifiedSplitKeepsClassProportions() throws {
        let data = syntheticImages(counts: [50, 30, 20])
        let (train, validation) = try data.split(0.8, stratified: true, seed: 3)
        XCTAssertEqual(train.labelCounts().counts, [40, 24, 16])
        XCTAssertEqual(validation.labelCounts().counts, [10, 6, 4])
    }

    func testOversampleAndUndersampleBalanceCounts() {
        let data = syntheticImages(counts: [40, 10, 25])
        let over = data.balanced(.oversample, seed: 1)
        XCTAssertEqual(over.labelCounts().counts, [40, 40, 40])
        XCTAssertEqual(over.labelCounts().imbalanceRatio, 1)
        XCTAssertEqual(Set(over.rows).count, 75, "every original sample is kept when oversampling")
        let under = data.balanced(.undersample, seed: 1)
        XCTAssertEqual(under.labelCounts().counts, [10, 10, 10])
        XCTAssertEqual(Set(under.rows).count, 30, "undersampling never repeats")
        XCTAssertEqual(data.balanced(seed: 4).rows, data.balanced(seed: 4).rows)
    }

    func testTakeFilterAndSubset() {
        let data = syntheticImages(counts: [5, 5])
        XCTAssertEqual(data.take(3).rows, [0, 1, 2])
        XCTAssertEqual(data.take(99).count, 10)
        XCTAssertEqual(data.filter(classes: [1]).labels, [Int32](repeating: 1, count: 5))
        XCTAssertEqual(data.subset([9, 0]).labels, [1, 0])
    }

    func testOneHotRowsSumToOne() {
        let data = syntheticImages(counts: [3, 2, 4])
        let hot = data.oneHotLabels()
        XCTAssertEqual(hot.count, 9 * 3)
        for row in 0..<9 {
            let values = Array(hot[(row * 3)..<(row * 3 + 3)])
            XCTAssertEqual(values.reduce(0, +), 1)
            XCTAssertEqual(values[data.label(at: row)], 1)
        }
    }

    func testScalingRanges() {
        let store = ImageStore(pixels: .bytes([0, 64, 128, 255]), labels: [0], sampleShape: [2, 2, 1])
        let data = ImageDataset(store: store, classCount: 1, name: "ramp")
        XCTAssertEqual(data.image(at: 0).map { ($0 * 1000).rounded() }, [0, 251, 502, 1000])
        XCTAssertEqual(data.scaled(.symmetric).image(at: 0).map { ($0 * 1000).rounded() }, [-1000, -498, 4, 1000])
        XCTAssertEqual(data.binarized().scaled(.symmetric).image(at: 0), [-1, -1, 1, 1])
        XCTAssertEqual(data.binarized(threshold: 0.2).image(at: 0), [0, 1, 1, 1])
        let standard = data.standardized().image(at: 0)
        let mean = standard.reduce(0, +) / 4
        let variance = standard.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
        XCTAssertEqual(mean, 0, accuracy: 1e-5)
        XCTAssertEqual(variance, 1, accuracy: 1e-4)
    }
}

final class InMemoryDatasetTests: XCTestCase {
    func testValidatedConstructionAndExamples() throws {
        let data = try ImageDataset(pixels: .bytes([1, 2, 3, 4, 5, 6]), labels: [1, 0, 1], sampleShape: [2, 1, 1],
                                    name: "m")
        XCTAssertEqual(data.classCount, 2)
        XCTAssertEqual(rawPixels(data), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(data.examples(perClass: 1), [[1], [0]])
        XCTAssertEqual(data.examples(perClass: 5), [[1], [0, 2]])
        assertDatasetError(try ImageDataset(pixels: .bytes([1, 2, 3]), labels: [0, 1], sampleShape: [2, 1, 1],
                                            name: "m"),
                           contains: ["4 values", "found 3 values"])
        assertDatasetError(try ImageDataset(pixels: .floats([1, 2]), labels: [0, 3], sampleShape: [1, 1, 1],
                                            classCount: 2, name: "m"),
                           contains: ["0...1", "3 at index 1"])
    }
}
