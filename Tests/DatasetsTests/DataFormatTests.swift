import XCTest
@testable import Datasets

final class DataFormatTests: XCTestCase {
    func testDetectsByNameThenMagicBytes() throws {
        let fixtures = try Fixtures()
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("a-images-idx3-ubyte.gz", [1])), .idx)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("a.csv.gz", [1])), .csv)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("a.npz", [1])), .npz)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("dataset.txt", text: "0,1,1,0,2\n")), .bitmapText)
        let idx = try fixtures.write("noname1", Fixtures.gzip(Fixtures.idx(dimensions: [1], values: [0])))
        XCTAssertEqual(try DataFormat.detect(path: idx), .idx)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("noname2", Fixtures.npy(descr: "|u1", shape: [1],
                                                                                              data: [0]))), .npy)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("noname3", Fixtures.zip([("a", [1])],
                                                                                              deflated: false))), .npz)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("noname4", text: "1,2\n")), .csv)
        XCTAssertEqual(try DataFormat.detect(path: try fixtures.write("noname5", text: "0 1 1\n")), .bitmapText)
        assertDatasetError(try DataFormat.detect(path: try fixtures.write("noname6", [0xFF, 0x00, 0x01])),
                           contains: ["unrecognised binary data", "ff 00 01"])
    }

    func testMissingPathDirectoryAndEmptyFile() throws {
        let fixtures = try Fixtures()
        let missing = fixtures.directory + "/nothing.csv"
        assertDatasetError(try load(missing), contains: [missing, "no such file"])
        assertDatasetError(try load(fixtures.directory), contains: [fixtures.directory, "found a directory"])
        for name in ["empty.csv", "empty-images-idx3-ubyte", "empty.npz", "empty.txt"] {
            let path = try fixtures.write(name, [])
            assertDatasetError(try load(path), contains: [path, "empty file"])
        }
    }

    func testGzipOfAnEmptyTextIsRejected() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("blank.csv.gz", Fixtures.gzip(Array("\n\n".utf8)))
        assertDatasetError(try load(path), contains: [path, "only blank lines"])
    }
}
