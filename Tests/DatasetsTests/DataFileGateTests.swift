import Foundation
import RunLimits
import XCTest
@testable import Datasets

/// Every dataset file passes the run's file gate: relative paths start at the notebook's folder,
/// a sandbox refuses other folders, and hints name arguments that exist and the real cause.
final class DataFileGateTests: XCTestCase {
    override func tearDown() {
        FileGate.shared.policy = .unrestricted
        super.tearDown()
    }

    func testRelativePathsStartAtTheNotebookFolderAndReadsAreRecorded() throws {
        let fixtures = try Fixtures()
        try fixtures.write("train-images-idx3-ubyte", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        try fixtures.write("train-labels-idx1-ubyte", Fixtures.idx(dimensions: [6], values: tinyLabels))
        FileGate.shared.policy = .init(baseFolder: fixtures.directory)
        let data = try load("train-images-idx3-ubyte")  // the labels are found next to it, through the gate
        XCTAssertEqual(data.count, 6)
        XCTAssertEqual(Set(FileGate.shared.reads.map { ($0.path as NSString).lastPathComponent }),
                       ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"])
        let splits = try mnist(path: ".")
        XCTAssertEqual(splits.train.count, 6)
    }

    func testMissingRelativeFileNamesTheFolderItLookedIn() throws {
        let fixtures = try Fixtures()
        FileGate.shared.policy = .init(baseFolder: fixtures.directory)
        assertDatasetError(try load("data/missing.csv"),
                           contains: [fixtures.directory + "/data/missing.csv", "no such file",
                                      "starts at the notebook's folder (\(fixtures.directory))"])
    }

    func testSandboxRefusesFilesOutsideItsReadRoots() throws {
        let allowed = try Fixtures(), other = try Fixtures()
        let path = try other.write("x.csv", text: "1,0,0,0,0\n")
        FileGate.shared.policy = .init(baseFolder: allowed.directory, readRoots: [allowed.directory])
        XCTAssertThrowsError(try load(path)) { error in
            XCTAssertTrue(error is FileAccessError, "\(error)")
            XCTAssertTrue("\(error)".contains("cannot read"), "\(error)")
        }
        // A companion labels file outside the roots is not even probed: it counts as missing.
        XCTAssertFalse(DataFiles.exists(path))
    }

    /// `/dev/zero` never ends: a device or pipe is refused instead of read forever.
    func testDeviceIsRefused() {
        assertDatasetError(try CSVReader.read(path: "/dev/zero"), contains: ["a device, pipe or socket"])
    }

    /// An IDX file read as NumPy used to talk about zip records.
    func testIDXFileReadAsNPYSaysWhatItIs() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("digits.bin", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        for format in [DataFormat.npy, .npz] {
            assertDatasetError(try load(path, format: format),
                               contains: ["an NPY array",
                                          "It looks like an IDX file; pass format: .idx or leave format out"])
        }
        let csv = try fixtures.write("table.csv", text: "1,2,3\n4,5,6\n")
        assertDatasetError(try load(csv, format: .idx), contains: ["not an IDX file", "It looks like a CSV text file"])
    }

    /// The cell function `load` takes `labels:`, not `labelsPath:`.
    func testMissingLabelsHintNamesTheLabelsArgument() throws {
        let fixtures = try Fixtures()
        let path = try fixtures.write("scans-idx3-ubyte", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels))
        assertDatasetError(try load(path), contains: ["labels: "])
        do {
            _ = try load(path)
        } catch {
            XCTAssertFalse("\(error)".contains("labelsPath"), "\(error)")
        }
    }
}
