import XCTest
@testable import Datasets

final class NumpyReaderTests: XCTestCase {
    private let imagesNpy = Fixtures.npy(descr: "|u1", shape: [6, 2, 2], data: tinyPixels)
    private let labelsNpy = Fixtures.npy(descr: "|u1", shape: [6], data: tinyLabels)

    func testNpyImagesAndLabels() throws {
        let fixtures = try Fixtures()
        let images = try fixtures.write("x-imgs.npy", imagesNpy)
        try fixtures.write("x-labels.npy", labelsNpy)
        let data = try load(images)
        XCTAssertEqual(data.sampleShape, [2, 2, 1])
        XCTAssertEqual(data.labels, tinyLabels.map(Int32.init))
        XCTAssertEqual(rawPixels(data), tinyPixels.map(Float.init))
    }

    func testNpzStoredAndDeflatedLikeKMNIST() throws {
        let fixtures = try Fixtures()
        for deflated in [false, true] {
            let tag = deflated ? "d" : "s"
            let images = try fixtures.write("\(tag)-train-imgs.npz", Fixtures.zip([("arr_0.npy", imagesNpy)],
                                                                                  deflated: deflated))
            try fixtures.write("\(tag)-train-labels.npz", Fixtures.zip([("arr_0.npy", labelsNpy)], deflated: deflated))
            let data = try load(images, options: LoadOptions(classCount: 10))
            XCTAssertEqual(data.classCount, 10)
            XCTAssertEqual(data.labels, tinyLabels.map(Int32.init))
            XCTAssertEqual(rawPixels(data), tinyPixels.map(Float.init))
        }
    }

    func testFloat32ArrayAndInt64LabelsInOneArchive() throws {
        let fixtures = try Fixtures()
        let values: [Float] = [0, 0.5, 1, 0.25, 1, 0, 0, 0.75]
        let x = Fixtures.npy(descr: "<f4", shape: [2, 4], data: Fixtures.floatBytes(values))
        let y = Fixtures.npy(descr: "<i8", shape: [2], data: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let path = try fixtures.write("both.npz", Fixtures.zip([("x.npy", x), ("y.npy", y)], deflated: true))
        let data = try load(path)
        XCTAssertEqual(data.sampleShape, [2, 2, 1])
        XCTAssertEqual(data.labels, [1, 0])
        XCTAssertEqual(rawPixels(data), values)
    }

    func testWrongMagicAndTruncatedData() throws {
        let fixtures = try Fixtures()
        var bad = imagesNpy
        bad[1] = 0x41
        let magic = try fixtures.write("bad.npy", bad)
        assertDatasetError(try NumpyReader.readArray(path: magic), contains: [magic, "byte offset 0", "NUMPY", "93 41"])
        let cut = try fixtures.write("cut.npy", Array(imagesNpy.dropLast(3)))
        assertDatasetError(try NumpyReader.readArray(path: cut), contains: ["byte offset 128", "24 bytes",
                                                                            "found 21 bytes"])
    }

    func testUnsupportedDtypeAndFortranOrder() throws {
        let fixtures = try Fixtures()
        let big = try fixtures.write("big.npy", Fixtures.npy(descr: ">f4", shape: [1], data: [0, 0, 0, 0]))
        assertDatasetError(try NumpyReader.readArray(path: big), contains: ["dtype '>f4'"])
        let fortran = try fixtures.write("f.npy", Fixtures.npy(descr: "|u1", shape: [2, 2], data: [1, 2, 3, 4],
                                                               fortran: true))
        assertDatasetError(try NumpyReader.readArray(path: fortran), contains: ["C order", "Fortran"])
    }

    func testCorruptDeflatedMemberAndMissingDirectory() throws {
        let fixtures = try Fixtures()
        var zip = Fixtures.zip([("arr_0.npy", imagesNpy)], deflated: true)
        for i in 40..<60 { zip[i] ^= 0xFF }
        let corrupt = try fixtures.write("corrupt.npz", zip)
        assertDatasetError(try NumpyReader.readArchive(path: corrupt), contains: [corrupt, "member 'arr_0.npy'"])
        let cut = try fixtures.write("cut.npz", Array(zip.prefix(50)))
        assertDatasetError(try NumpyReader.readArchive(path: cut), contains: ["end-of-central-directory"])
    }

    func testLabelCountMismatchAndRange() throws {
        let fixtures = try Fixtures()
        let images = try fixtures.write("m-imgs.npy", imagesNpy)
        let labels = try fixtures.write("m-labels.npy", Fixtures.npy(descr: "|u1", shape: [5],
                                                                     data: Array(tinyLabels.prefix(5))))
        assertDatasetError(try load(images, options: LoadOptions(labelsPath: labels)), contains: [labels, "6 labels",
                                                                                                  "found 5"])
        let wide = try fixtures.write("w-labels.npy", Fixtures.npy(descr: "|u1", shape: [6], data: [0, 1, 2, 3, 4, 11]))
        assertDatasetError(try load(images, options: LoadOptions(labelsPath: wide, classCount: 10)),
                           contains: ["0...9", "11 at index 5"])
    }
}
