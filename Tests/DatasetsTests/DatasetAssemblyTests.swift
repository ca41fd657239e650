import XCTest
@testable import Datasets

/// Datasets from a cell's numbers, joined, cut per class, resized and made colour.
final class DatasetAssemblyTests: XCTestCase {
    private func grid(_ values: [[Double]], labels: [Int], shape: [Int] = [2, 2], names: [String]? = nil) throws
        -> ImageDataset {
        try ImageDataset(rows: values, labels: labels, shape: shape, classNames: names)
    }

    func testRowsOfNumbersMakeADatasetAndComeBackUnchanged() throws {
        let data = try grid([[0, 255, 7, 9], [1, 2, 3, 4]], labels: [1, 0])
        XCTAssertEqual(data.sampleShape, [2, 2, 1])
        XCTAssertEqual(data.classCount, 2)
        XCTAssertEqual(data.store.fullIntensity, 255)
        XCTAssertEqual(try data.pixelRows(0..<2), [[0, 255, 7, 9], [1, 2, 3, 4]])
        let noisy = try data.pixelRows(0..<2).map { $0.map { $0 + 0.5 } }
        let again = try ImageDataset(rows: noisy, labels: [1, 0], shape: [2, 2], intensity: 255)
        XCTAssertEqual(again.scaled(.unit).image(at: 0)[1], 255.5 / 255, accuracy: 1e-6)
        assertDatasetError(try grid([[0, 1, 2]], labels: [0]), contains: ["4 values per image", "3 in image 0"])
        assertDatasetError(try grid([[0, 1, 2, 3]], labels: [0, 1]), contains: ["one label per image", "2 labels"])
        assertDatasetError(try data.pixelRows(1..<3), contains: ["0..<2", "1..<3"])
    }

    func testClassNamesCountTheClassesEvenWhenLabelsMissTheLast() throws {
        let names = ["zero", "one", "two"]
        let data = try grid([[0, 0, 0, 0], [1, 1, 1, 1]], labels: [0, 1], names: names)
        XCTAssertEqual(data.classCount, 3)
        XCTAssertEqual(data.classNames, names)
        assertDatasetError(try grid([[0, 0, 0, 0]], labels: [3], names: names), contains: ["labels in 0...2", "3"])
    }

    func testJoiningKeepsOrderAndRefusesDisagreement() throws {
        let a = try grid([[0, 0, 0, 0], [1, 1, 1, 1]], labels: [0, 1])
        let b = try grid([[0.5, 0.5, 0.5, 0.5]], labels: [1])
        let joined = try ImageDataset.concatenated([a, b.withFullIntensity(1), a.take(1)])
        XCTAssertEqual(joined.labels, [0, 1, 1, 0])
        XCTAssertEqual(try ImageDataset.concatenated([a.filter(classes: [0]), b]).classCount, 2)
        let onlyZero = try grid([[1, 1, 1, 1]], labels: [0])
        XCTAssertEqual(try ImageDataset.concatenated([onlyZero, a]).classNames, ["0", "1"])
        XCTAssertEqual(rawPixels(joined), [0, 0, 0, 0, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0])
        let wide = try grid([[0, 0, 0, 0, 0, 0]], labels: [0], shape: [2, 3])
        assertDatasetError(try ImageDataset.concatenated([a, wide]), contains: ["same image shape", "[2, 2, 1]",
                                                                               "[2, 3, 1] in dataset 2"])
        let named = try grid([[0, 0, 0, 0], [1, 1, 1, 1]], labels: [0, 1], names: ["cat", "dog"])
        assertDatasetError(try ImageDataset.concatenated([a, named]), contains: ["same class names", "cat"])
        let bytes = try grid([[200, 0, 0, 0]], labels: [0])
        assertDatasetError(try ImageDataset.concatenated([a, bytes]), contains: ["same full intensity", "1.0", "255.0"])
        assertDatasetError(try ImageDataset.concatenated([a, a.scaled(.symmetric)]),
                           contains: ["same scaling", "symmetric"])
    }

    func testTakePerClassMakesAKnownImbalance() throws {
        let data = try grid((0..<9).map { [Double]($0 % 3 == 0 ? [0, 0, 0, 0] : [1, 1, 1, 1]) },
                            labels: (0..<9).map { $0 % 3 })
        let cut = try data.take(perClass: [1: 1, 2: 0])
        XCTAssertEqual(cut.labels, [0, 1, 0, 0], "class 0 unlisted keeps all three; first of class 1; no class 2")
        assertDatasetError(try data.take(perClass: [2: 4]), contains: ["0 to 3 samples of class 2", "4 asked for"])
        assertDatasetError(try data.take(perClass: [5: 1]), contains: ["class 5"])
    }

    func testBilinearResizeMatchesPyTorchWithoutAntialias() throws {
        let data = try grid([[0, 1, 2, 3]], labels: [0]).scaled(.raw)
        let up = try data.resized(to: [4, 4])
        XCTAssertEqual(up.sampleShape, [4, 4, 1])
        // torch.nn.functional.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False)
        XCTAssertEqual(up.image(at: 0), [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5,
                                         1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3])
        let big = try grid([(0..<16).map(Double.init)], labels: [0], shape: [4, 4]).scaled(.raw)
        XCTAssertEqual(try big.resized(to: [2, 2]).image(at: 0), [2.5, 4.5, 10.5, 12.5])
        assertDatasetError(try data.resized(to: [0, 4]), contains: ["[height, width]", "[0, 4]"])
    }

    func testRGBRepeatsTheGreyChannelAfterScalingAndResizing() throws {
        let data = try grid([[0, 255, 255, 0]], labels: [0])
        let colour = try data.resized(to: [2, 2]).rgb()
        XCTAssertEqual(colour.sampleShape, [2, 2, 3])
        XCTAssertEqual(colour.batch([0]).inputs, [0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0])
        XCTAssertEqual(data.rgb().rgb().sampleShape, [2, 2, 3])
    }
}
