import Foundation
import RunLimits
import XCTest

final class FileGateTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("submission/data"),
                                                withIntermediateDirectories: true)
        try Data("1,2\n".utf8).write(to: folder.appendingPathComponent("submission/data/a.csv"))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testRelativePathsStartAtTheNotebooksFolder() throws {
        let gate = FileGate()
        gate.policy = .init(baseFolder: folder.appendingPathComponent("submission").path)
        let path = try gate.authorizeRead("data/../data/a.csv")
        XCTAssertEqual(path, folder.appendingPathComponent("submission/data/a.csv").path)
        XCTAssertEqual(gate.reads.map(\.path), [path])
        XCTAssertEqual(gate.reads.first?.size, 4)
    }

    func testReadsOutsideTheAllowedFoldersAreRefusedNamingTheRoots() {
        let gate = FileGate()
        let submission = folder.appendingPathComponent("submission").path
        gate.policy = .init(baseFolder: submission, readRoots: [submission])
        XCTAssertThrowsError(try gate.authorizeRead("/etc/passwd")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("cannot read '/etc/passwd': this run may read only under"), message)
            XCTAssertTrue(message.contains("submission"), message)
        }
        XCTAssertThrowsError(try gate.authorizeRead("../../../../../../etc/passwd"))
        XCTAssertTrue(gate.reads.isEmpty)
    }

    func testALinkInsideTheSubmissionCannotReachOutside() throws {
        let gate = FileGate()
        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.createSymbolicLink(atPath: submission.appendingPathComponent("link").path,
                                                   withDestinationPath: "/etc/passwd")
        gate.policy = .init(baseFolder: submission.path, readRoots: [submission.path])
        XCTAssertThrowsError(try gate.authorizeRead("link"))
        XCTAssertNoThrow(try gate.authorizeRead("data/a.csv"))
    }

    func testWritesOnlyUnderTheWriteRoot() throws {
        let gate = FileGate()
        let submission = folder.appendingPathComponent("submission")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        gate.policy = .init(baseFolder: submission.path, readRoots: [submission.path], writeRoot: out.path)
        XCTAssertNoThrow(try gate.authorizeWrite(out.appendingPathComponent("model.safetensors").path))
        XCTAssertThrowsError(try gate.authorizeWrite("model.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("write under the run's output folder"), "\(error)")
        }
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("planted").path,
                                                   withDestinationPath: submission.appendingPathComponent("x").path)
        XCTAssertThrowsError(try gate.authorizeWrite(out.appendingPathComponent("planted").path))
    }
}
