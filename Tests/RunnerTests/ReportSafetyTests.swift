import FolioTestSupport
import Foundation
import XCTest

/// No report is ever lost or written through a trap: collisions, links, leftovers, signals, children.
final class ReportSafetyTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
    }


    private var out: String { folder.appendingPathComponent("out").path }

    func testTwoNotebooksWithOneNameAreRefusedBeforeAnythingRuns() throws {
        let first = try writeFile(in: folder, "a/at.md", "```swift\nprint(\"a\")\n```\n")
        let second = try writeFile(in: folder, "b/at.md", "```swift\nprint(\"b\")\n```\n")
        for jobs in ["1", "2"] {
            let result = try runFolio(["render", first, second, "-o", out, "--jobs", jobs])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains("b/at.md: error: its report would overwrite that of"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/at.html"), "nothing ran")
        }
        // The same file named twice is one notebook, rendered once.
        let twice = try runFolio(["render", first, first, "-o", out])
        XCTAssertEqual(twice.status, 0, twice.stderr)
        XCTAssertEqual(twice.stderr.components(separatedBy: "wrote").count, 2, twice.stderr)
    }

    func testALinkPlantedAtTheReportsPathIsReplacedNotWrittenThrough() throws {
        let notebook = try writeFile(in: folder, "n.md", "```swift\nprint(1)\n```\n")
        let victim = try writeFile(in: folder, "victim.txt", "precious")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/n.html", withDestinationPath: victim)
        XCTAssertEqual(try runFolio(["render", notebook, "-o", out]).status, 0)
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious")
        let attributes = try FileManager.default.attributesOfItem(atPath: out + "/n.html")
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular)
    }

    func testTemporaryFilesOfDeadRendersAreRemovedOnTheNextRun() throws {
        let notebook = try writeFile(in: folder, "n.md", "```swift\nprint(1)\n```\n")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let stale = out + "/.n.html.2147483646.7.tmp"  // no process has this pid
        try Data(repeating: 0, count: 1 << 16).write(to: URL(fileURLWithPath: stale))
        XCTAssertEqual(try runFolio(["render", notebook, "-o", out]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
    }

    func testANotebookThatIsNotARegularFileIsAnErrorNotAHang() throws {
        let fifo = folder.appendingPathComponent("pipe.md").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        for path in [fifo, "/dev/zero"] {
            let result = try runFolio(["check", path])
            XCTAssertEqual(result.status, 2)
            XCTAssertTrue(result.stderr.contains("is not a regular file"), result.stderr)
        }
    }

    func testInterruptingARenderLeavesTheEarlierReportAndNoTemporaryFile() throws {
        let notebook = try writeFile(in: folder, "slow.md", "```swift\nvar i = 0\nwhile true { i += 1 }\n```\n")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: out + "/slow.html"))
        let process = try startFolio(["render", notebook, "-o", out])
        Thread.sleep(forTimeInterval: 1.0)
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "a user's kill ends it as a kill")
        XCTAssertEqual(try String(contentsOfFile: out + "/slow.html", encoding: .utf8), "earlier")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }, [])
    }

    func testKillingTheParentOfParallelRendersLeavesNoChildRunning() throws {
        let marker = "folio-orphan-\(UUID().uuidString.prefix(8))"
        let first = try writeFile(in: folder, "\(marker)-a.md", "```swift\nvar i = 0\nwhile true { i += 1 }\n```\n")
        let second = try writeFile(in: folder, "\(marker)-b.md", "```swift\nvar i = 0\nwhile true { i += 1 }\n```\n")
        for signal in [SIGTERM, SIGKILL] {
            let parent = try startFolio(["render", first, second, "-o", out, "--jobs", "2"])
            XCTAssertTrue(waitUntil(seconds: 10) { renders(named: marker).count == 2 }, "both children started")
            kill(parent.processIdentifier, signal)
            parent.waitUntilExit()
            XCTAssertTrue(waitUntil(seconds: 10) { renders(named: marker).isEmpty },
                          "children left after signal \(signal): \(renders(named: marker))")
        }
    }

    // MARK: - Helpers

    private func startFolio(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = folioExecutable()
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Pids of running `folio render` processes whose command line mentions `marker`, from /proc.
    private func renders(named marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            // A child renders one notebook; the parent names both.
            guard words.contains("render"), words.filter({ $0.contains(marker) }).count == 1 else { return nil }
            return isZombie(pid) ? nil : pid
        }
    }

    private func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }
}
