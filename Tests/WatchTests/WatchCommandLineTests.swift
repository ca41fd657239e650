import FolioTestSupport
import Foundation
import Watch
import XCTest

/// The `folio watch` executable itself: it serves on the port it prints, stops on Ctrl-C, and
/// refuses a port in use with a message naming it. Every wait has a deadline; the process is
/// killed if a test ends while it still runs.
final class WatchCommandLineTests: XCTestCase {
    private var folder: URL!
    private var notebook: String!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
        notebook = try writeFile(in: folder, "cli.md", "# CLI\n\n```swift\nprint(\"served by the command\")\n```\n")
    }

    func testServesOnThePrintedPortAndStopsOnCtrlC() throws {
        let out = folder.appendingPathComponent("out").path
        let watch = try WatchProcess(["watch", notebook, "--port", "0", "-o", out])
        defer { watch.kill() }
        let port = try XCTUnwrap(watch.waitForPort(timeout: 10), "the URL is printed: \(watch.stderr)")
        XCTAssertTrue(try eventually(timeout: 10) { try get("/", port: port).body.contains("served by the command") },
                      watch.stderr)
        XCTAssertFalse(try get("/report.html", port: port).body.contains("<script"))
        Glibc.kill(watch.process.processIdentifier, SIGINT)
        XCTAssertTrue(watch.waitForExit(timeout: 5), "Ctrl-C ends it")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
        XCTAssertEqual(names, ["cli.html"], "the report, and no temporary file left behind")
    }

    func testMissingNotebookExitsTwo() throws {
        let watch = try WatchProcess(["watch", folder.appendingPathComponent("nope.md").path, "--port", "0"])
        defer { watch.kill() }
        XCTAssertTrue(watch.waitForExit(timeout: 10))
        XCTAssertEqual(watch.process.terminationStatus, 2)
        XCTAssertTrue(watch.stderr.contains("nope.md: no such notebook"), watch.stderr)
    }

    func testPortInUseExitsTwoNamingThePort() throws {
        let holder = try WatchServer(store: PageStore(), port: 0)
        let port = try startBlocking(holder)
        defer { stopBlocking(holder) }
        let watch = try WatchProcess(["watch", notebook, "--port", String(port)])
        defer { watch.kill() }
        XCTAssertTrue(watch.waitForExit(timeout: 10))
        XCTAssertEqual(watch.process.terminationStatus, 2)
        XCTAssertTrue(watch.stderr.contains("port \(port) is in use"), watch.stderr)
        XCTAssertTrue(watch.stderr.contains("--port 0"), watch.stderr)
    }
}

/// `folio` running in the background, its standard error collected as it comes.
final class WatchProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var collected = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = folioExecutable()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    var stderr: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// The port from the line `serving … at http://127.0.0.1:PORT/`.
    func waitForPort(timeout: TimeInterval) -> UInt16? {
        var port: UInt16?
        _ = eventually(timeout: timeout) {
            guard let range = stderr.range(of: "http://127.0.0.1:") else { return false }
            port = UInt16(stderr[range.upperBound...].prefix { $0.isNumber })
            return port != nil
        }
        return port
    }

    func waitForExit(timeout: TimeInterval) -> Bool {
        eventually(timeout: timeout) { !process.isRunning }
    }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }
}
