import XCTest
@testable import Datasets

final class IDXReaderTests: XCTestCase {
    func testReadsRawAndGzipValueByValue() throws {
        let fixtures = try Fixtures()
        let images = Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels)
        let labels = Fixtures.idx(dimensions: [6], values: tinyLabels)
        let rawImages = try fixtures.write("train-images-idx3-ubyte", images)
        try fixtures.write("train-labels-idx1-ubyte", labels)
        let gzImages = try fixtures.write("gz-images-idx3-ubyte.gz", Fixtures.gzip(images))
        try fixtures.write("gz-labels-idx1-ubyte.gz", Fixtures.gzip(labels))
        for path in [rawImages, gzImages] {
            let data = try load(path)
            XCTAssertEqual(data.count, 6)
            XCTAssertEqual(data.sampleShape, [2, 2, 1])
            XCTAssertEqual(data.classCount, 3)
            XCTAssertEqual(data.labels, tinyLabels.map(Int32.init))
            XCTAssertEqual(rawPixels(data), tinyPixels.map(Float.init))
        }
    }

    func testTruncatedGzipNamesTheOffset() throws {
        let fixtures = try Fixtures()
        let gz = Fixtures.gzip(Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        let path = try fixtures.write("cut-images-idx3-ubyte.gz", Array(gz.prefix(gz.count - 12)))
        try fixtures.write("cut-labels-idx1-ubyte.gz", Fixtures.gzip(Fixtures.idx(dimensions: [6], values: tinyLabels)))
        assertDatasetError(try load(path), contains: [path, "byte offset", "expected"])
    }

    func testCorruptGzipIsRejected() throws {
        let fixtures = try Fixtures()
        var gz = Fixtures.gzip(Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        gz[gz.count - 6] ^= 0xFF  // inside the CRC-32 trailer
        let path = try fixtures.write("crc-images-idx3-ubyte.gz", gz)
        assertDatasetError(try IDXReader.read(path: path), contains: [path, "valid gzip data", "incorrect data check"])
    }

    func testWrongMagic() throws {
        let fixtures = try Fixtures()
        var bytes = Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels)
        bytes[0] = 0x42
        let path = try fixtures.write("bad.idx3-ubyte", bytes)
        assertDatasetError(try IDXReader.read(path: path), contains: [path, "byte offset 0", "magic", "42 00 08 03"])
    }

    func testWrongElementType() throws {
        let fixtures = try Fixtures()
        var bytes = Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels)
        bytes[2] = 0x0D
        let path = try fixtures.write("float.idx3-ubyte", bytes)
        assertDatasetError(try IDXReader.read(path: path), contains: ["byte offset 2", "0x08", "0xd"])
    }

    func testDataShorterOrLongerThanDeclared() throws {
        let fixtures = try Fixtures()
        let short = try fixtures.write("short", Fixtures.idx(dimensions: [7, 2, 2], values: tinyPixels))
        assertDatasetError(try IDXReader.read(path: short),
                           contains: ["byte offset 16", "28 bytes", "at most 24 bytes left in the 40-byte file"])
        let long = try fixtures.write("long", Fixtures.idx(dimensions: [5, 2, 2], values: tinyPixels))
        assertDatasetError(try IDXReader.read(path: long), contains: ["byte offset 36", "end after 20 elements"])
    }

    func testImageAndLabelCountsMustAgree() throws {
        let fixtures = try Fixtures()
        let images = try fixtures.write("images", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        let labels = try fixtures.write("labels", Fixtures.idx(dimensions: [5], values: Array(tinyLabels.prefix(5))))
        assertDatasetError(try IDXReader.readImages(images: images, labels: labels, name: "t"),
                           contains: [labels, "6 labels", "found 5 labels"])
    }

    func testLabelOutsideDeclaredClasses() throws {
        let fixtures = try Fixtures()
        let images = try fixtures.write("images", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        let labels = try fixtures.write("labels", Fixtures.idx(dimensions: [6], values: [0, 1, 2, 12, 0, 1]))
        assertDatasetError(try IDXReader.readImages(images: images, labels: labels, classCount: 10, name: "t"),
                           contains: ["byte offset 11", "0...9", "12"])
    }

    func testMissingCompanionLabels() throws {
        let fixtures = try Fixtures()
        let images = try fixtures.write("x-images-idx3-ubyte", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        assertDatasetError(try load(images), contains: ["labels file", "x-labels-idx1-ubyte"])
    }
}
