import XCTest
@testable import Datasets

/// The engine's `LabeledBatches` protocol, copied member for member: the later one-line
/// `extension ImageDataset: LabeledBatches {}` must compile, and so must this.
private protocol LabeledBatchesContract {
    var count: Int { get }
    var sampleShape: [Int] { get }
    var classCount: Int { get }
    func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>)
}

extension ImageDataset: LabeledBatchesContract {}
extension PointDataset: LabeledBatchesContract {}

final class BatchingTests: XCTestCase {
    func testEngineContractThroughTheProtocol() {
        let data: LabeledBatchesContract = syntheticImages(counts: [1, 2])
        XCTAssertEqual(data.count, 3)
        XCTAssertEqual(data.sampleShape, [3, 3, 1])
        XCTAssertEqual(data.classCount, 2)
        var inputs = [Float](repeating: -1, count: 18), labels = [Int32](repeating: -1, count: 2)
        data.fillBatch(indices: [2, 1], inputs: &inputs, labels: &labels)
        XCTAssertEqual(labels, [1, 1])
        for value in inputs[0..<9] { XCTAssertEqual(value, 2 / 255, accuracy: 1e-7) }
    }

    func testFillBatchWritesScaledImagesAndLabels() {
        let data = syntheticImages(counts: [2, 2])
        let batch = data.batch([3, 0])
        XCTAssertEqual(batch.inputShape, [2, 3, 3, 1])
        XCTAssertEqual(batch.labels, [1, 0])
        for value in batch.inputs[0..<9] { XCTAssertEqual(value, 3 / 255, accuracy: 1e-7) }
        XCTAssertEqual(Array(batch.inputs[9..<18]), [Float](repeating: 0, count: 9))
    }

    /// The one-call batch gather (bytes) and the float path against `raw·scale + shift` per pixel: images of a
    /// size that leaves a tail after the vector loop, rows repeated and out of order, every scaling.
    func testBatchOfScaledRowsMatchesThePerPixelFormula() throws {
        let shape = [7, 5, 3], size = 105, count = 9
        let bytes: [UInt8] = (0..<(count * size)).map { (i: Int) -> UInt8 in UInt8((i * 37 + i / 11) % 256) }
        let labels = (0..<count).map { Int32($0 % 4) }
        let indices = [8, 0, 3, 3, 7, 1, 0]
        for pixels: ImageStore.Pixels in [.bytes(bytes), .floats(bytes.map { Float($0) * 1.5 })] {
            let data = try ImageDataset(pixels: pixels, labels: labels, sampleShape: shape, name: "gather")
            let raw: (Int) -> Float = {
                if case .floats(let f) = pixels { return f[$0] }
                return Float(bytes[$0])
            }
            for scaling: PixelScaling in [.raw, .unit, .symmetric, .standardized(mean: 0.3, std: 0.2)] {
                let scaled = data.scaled(scaling), batch = scaled.batch(indices[...])
                let (scale, shift) = scaling.affine(fullIntensity: data.store.fullIntensity)
                XCTAssertEqual(batch.labels, indices.map { labels[$0] })
                for (k, row) in indices.enumerated() {
                    for i in 0..<size {
                        let expected = raw(row * size + i) * scale + shift
                        XCTAssertEqual(batch.inputs[k * size + i], expected, accuracy: 1e-5 * max(1, abs(expected)),
                                       "\(scaling), image \(k), pixel \(i)")
                    }
                }
            }
        }
    }

    func testAugmentationKeepsShapeLabelsAndIsSeeded() {
        // A 9×9 image with a bright 3×3 block in the middle.
        var pixels = [UInt8](repeating: 0, count: 81)
        for y in 3..<6 { for x in 3..<6 { pixels[y * 9 + x] = 200 } }
        let store = ImageStore(pixels: .bytes(pixels + pixels), labels: [4, 2], sampleShape: [9, 9, 1])
        let plain = ImageDataset(store: store, classCount: 5, name: "block")
        let augmented = plain.augmented(maxShift: 2, maxRotation: 15, seed: 5)
        var changed = 0
        for _ in 0..<20 {
            let batch = augmented.batch([0, 1])
            XCTAssertEqual(batch.inputShape, [2, 9, 9, 1])
            XCTAssertEqual(batch.labels, [4, 2])
            XCTAssertTrue(batch.inputs.allSatisfy { $0 == 0 || abs($0 - 200 / 255) < 1e-6 },
                          "nearest-neighbour keeps pixel values")
            if batch.inputs != plain.batch([0, 1]).inputs { changed += 1 }
        }
        XCTAssertGreaterThan(changed, 10)
        let a = plain.augmented(seed: 9), b = plain.augmented(seed: 9)
        XCTAssertEqual(a.batch([0, 1]).inputs, b.batch([0, 1]).inputs)
        XCTAssertEqual(a.withoutAugmentation().batch([0]).inputs, plain.batch([0]).inputs)
    }

    func testPureShiftMovesTheBlock() {
        var pixels = [UInt8](repeating: 0, count: 25)
        pixels[12] = 255
        let store = ImageStore(pixels: .bytes(pixels), labels: [0], sampleShape: [5, 5, 1])
        let data = ImageDataset(store: store, classCount: 1, name: "dot").augmented(maxShift: 1, maxRotation: 0,
                                                                                    seed: 2)
        for _ in 0..<10 {
            let image = data.batch([0]).inputs
            XCTAssertEqual(image.filter { $0 == 1 }.count, 1)
            let position = image.firstIndex(of: 1)!
            XCTAssertLessThanOrEqual(abs(position / 5 - 2), 1)
            XCTAssertLessThanOrEqual(abs(position % 5 - 2), 1)
        }
    }
}
