import Foundation
import RunLimits
import XCTest
@testable import Datasets

/// Tiny files whose labels or headers claim sizes no data can justify. Each used to stop the
/// process (a trap or an out-of-memory kill); each must now be an error naming the size and the limit.
final class HostileDataTests: XCTestCase {
    override func tearDown() {
        RunBudget.shared.reset()
        super.tearDown()
    }

    /// Class names are made for every class up to the largest label: one label of two billion.
    func testCSVLabelOfTwoBillionIsAnErrorNamingTheLineAndTheLimit() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("huge-label.csv", text: "1,0,0,0,0\n2000000000,0,0,0,0\n")
        XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: path)).count, 48)
        assertDatasetError(try CSVReader.read(path: path), contains: [":2:", "2000000000", "at most 100000 classes"])
        assertDatasetError(try load(path), contains: [":2:", "2000000000"])
    }

    func testBitmapTextLabelBeyondTheClassLimit() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("digits.txt", text: "0 1 1 0 3\n1 0 0 1 250000\n")
        assertDatasetError(try BitmapTextReader.read(path: path), contains: [":2:", "250000", "at most 100000 classes"])
    }

    func testDeclaredClassCountBeyondTheLimit() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("ok.csv", text: "1,0,0,0,0\n0,0,0,0,0\n")
        assertDatasetError(try load(path, options: LoadOptions(classCount: 2_000_000_000)),
                           contains: ["classCount 2000000000", "from 1 to 100000"])
        assertDatasetError(try load(path, options: LoadOptions(classCount: 0)), contains: ["classCount 0"])
    }

    /// Converting 1e30 or NaN to an integer traps: float labels are checked first, by index.
    func testNonIntegralFloatLabelsInNPYNameTheIndex() throws {
        let fixtures = try Fixtures()
        let pixels = Fixtures.npy(descr: "|u1", shape: [3, 2, 2], data: Array(repeating: 0, count: 12))
        let images = try fixtures.write("x.npy", pixels)
        for (name, bad) in [("huge", Float(1e30)), ("nan", Float.nan), ("negative", Float(-1)), ("half", Float(0.5))] {
            let values = Fixtures.npy(descr: "<f4", shape: [3], data: Fixtures.floatBytes([0, 1, bad]))
            let labels = try fixtures.write("\(name).npy", values)
            assertDatasetError(try NumpyReader.readImages(images: images, labels: labels, name: "t"),
                               contains: ["at index 2", "whole-number labels from 0 to 99999"])
        }
        let large = try fixtures.write("large.npy", Fixtures.npy(descr: "<i8", shape: [3],
                                                                 data: [0, 1, 5_000_000_000].flatMap(int64Bytes)))
        assertDatasetError(try NumpyReader.readImages(images: images, labels: large, name: "t"),
                           contains: ["5000000000 at index 2", "at most 100000 classes"])
    }

    func testInMemoryLabelsBeyondTheClassLimit() {
        let labels: [Int32] = [0, 2_000_000_000]
        assertDatasetError(try ImageDataset(pixels: .bytes([0, 0]), labels: labels, sampleShape: [1, 1, 1], name: "t"),
                           contains: ["2000000000 at index 1", "at most 100000 classes"])
    }

    /// An IDX header may claim up to 2⁴⁰ bytes; a gzip file can expand only ~1032-fold, so a tiny one
    /// claiming a terabyte is refused before anything is allocated.
    func testGzipIDXHeaderClaimingATerabyteFailsBeforeAllocating() throws {
        let fixtures = try Fixtures()
        let header = Fixtures.idx(dimensions: [16384, 8192, 8192], values: Array(repeating: 0, count: 4096))
        let path = try fixtures.write("bomb-images-idx3-ubyte.gz", Fixtures.gzip(header))
        let before = MemoryUsage.residentBytes()
        assertDatasetError(try IDXReader.read(path: path),
                           contains: ["1099511627776 bytes (1 TB)", "[16384, 8192, 8192]", "can expand to"])
        XCTAssertLessThan(MemoryUsage.residentBytes() - before, 32 << 20)
    }

    func testRawIDXHeaderClaimingMoreThanTheFileHolds() throws {
        let fixtures = try Fixtures()
        let claims = Fixtures.idx(dimensions: [60000, 28, 28], values: tinyPixels)
        let path = try fixtures.write("claims-images-idx3-ubyte", claims)
        assertDatasetError(try IDXReader.read(path: path),
                           contains: ["47040000 bytes (44.9 MB)", "at most 24 bytes left in the 40-byte file"])
    }

    /// A gzip bomb the deflate bound allows (16 MB of zeros in a few KB) still grows only within the budget.
    func testGzipGrowthStopsAtTheMemoryBudget() throws {
        let fixtures = try Fixtures()
        let zeros = Fixtures.idx(dimensions: [1, 4096, 4096], values: Array(repeating: 0, count: 1 << 24))
        let idx = try fixtures.write("zeros-images-idx3-ubyte.gz", Fixtures.gzip(zeros))
        let csv = try fixtures.write("zeros.csv.gz", Fixtures.gzip(Array(repeating: UInt8(ascii: "0"), count: 1 << 24)))
        RunBudget.shared.startRun(seconds: nil, memory: MemoryUsage.residentBytes() + (4 << 20))
        assertLimit(try IDXReader.read(path: idx), contains: ["16 MB", "memory budget"])
        assertLimit(try CSVReader.read(path: csv), contains: ["decompressed contents", "memory budget"])
    }

    /// A gigabyte file named `.npy` that is not one: the magic is checked before anything else is read.
    func testLargeFileThatIsNotNPYIsNotReadWhole() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("big.npy", Array("label,pixel0\n".utf8))
        XCTAssertEqual(truncate(path, 1 << 30), 0)  // sparse: a gigabyte on paper, nothing on disk
        let before = MemoryUsage.residentBytes()
        assertDatasetError(try NumpyReader.readArray(path: path),
                           contains: ["byte offset 0", "an NPY array", "It looks like a CSV text file"])
        let header = Fixtures.npy(descr: "<f4", shape: [2], data: [])
        let claims = try fixtures.write("short-claim.npy", header)
        XCTAssertEqual(truncate(claims, 1 << 30), 0)
        assertDatasetError(try NumpyReader.readArray(path: claims),
                           contains: ["expected 8 bytes of data for shape [2]"])
        XCTAssertLessThan(MemoryUsage.residentBytes() - before, 64 << 20)
    }

    func testNPYHeaderLengthBeyondTheFile() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("header.npy", NumpyHeader.magic + [1, 0, 0xff, 0xff] + Array("{'descr'".utf8))
        assertDatasetError(try NumpyReader.readArray(path: path), contains: ["a header of 65535 bytes", "truncated"])
    }
}

/// Asserts that `body` throws a ``LimitExceeded`` whose message contains every fragment.
func assertLimit<T>(_ body: @autoclosure () throws -> T, contains fragments: [String],
                    file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected a limit error containing \(fragments)", file: file, line: line)
    } catch let error as LimitExceeded {
        for fragment in fragments {
            XCTAssertTrue(error.message.contains(fragment), "'\(error)' lacks '\(fragment)'", file: file, line: line)
        }
    } catch {
        XCTFail("expected LimitExceeded, got \(error)", file: file, line: line)
    }
}

func int64Bytes(_ value: Int64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
