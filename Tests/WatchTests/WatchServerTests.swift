import FolioTestSupport
import Foundation
import Runner
import Watch
import XCTest

/// End to end in one process: a real server on a free loopback port, the render loop watching a real
/// notebook file, and plain HTTP requests; every wait has a deadline.
final class WatchServerTests: XCTestCase {
    private var folder: URL!
    private var notebook: String!
    private var server: WatchServer!
    private var session: WatchSession!
    private var port: UInt16 = 0

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
        notebook = try writeFile(in: folder, "live.md", page(title: "Live", printing: "first version"))
        let renderer = Renderer(outputDirectory: folder.appendingPathComponent("out"), log: { _ in })
        let store = PageStore()
        server = try WatchServer(store: store, port: 0)
        port = try startBlocking(server)
        session = WatchSession(path: notebook, renderer: renderer, store: store)
        session.start(pollInterval: 0.05)
        let ready = try eventually(timeout: 8) { try get("/", port: port).status == 200 }
        XCTAssertTrue(ready, "the first render was served within 8 s")
    }

    override func tearDown() {
        session?.stop()
        if let server { stopBlocking(server) }
    }

    private func page(title: String, printing text: String) -> String {
        "---\ntitle: \(title)\n---\n# Notes\n\n```swift\nprint(\"\(text)\")\n```\n"
    }

    private var savedReport: URL { folder.appendingPathComponent("out/live.html") }

    func testServedPageHasTheReloadScriptAndTheSavedReportHasNone() throws {
        let served = try get("/", port: port)
        XCTAssertTrue(served.head.lowercased().contains("content-type: text/html"), served.head)
        XCTAssertTrue(served.body.contains("first version"), served.body)
        XCTAssertTrue(served.body.contains("<script nonce="))
        XCTAssertTrue(served.body.contains("new EventSource('/events"))
        XCTAssertTrue(served.body.contains("connect-src 'self'"), "the served copy's policy lets the script run")

        let saved = try String(contentsOf: savedReport, encoding: .utf8)
        XCTAssertTrue(saved.contains("first version"))
        XCTAssertFalse(saved.contains("<script"), "a saved report never carries the reload script")
        XCTAssertFalse(saved.contains("EventSource"))
        XCTAssertTrue(saved.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:\""),
                      "the saved report keeps its strict policy")
        XCTAssertEqual(try get("/report.html", port: port).body, saved, "/report.html is the saved report")
        XCTAssertEqual(try get("/nothing-here", port: port).status, 404)
    }

    func testSavingTheNotebookSendsReloadAndServesTheNewPage() throws {
        let events = try openEvents()
        let mark = events.received.utf8.count
        try page(title: "Live", printing: "second version").write(toFile: notebook, atomically: false, encoding: .utf8)
        XCTAssertTrue(events.read(until: "event: reload", from: mark, timeout: 8),
                      "a reload event within 8 s of the save; got: \(events.received)")
        let served = try get("/", port: port).body
        XCTAssertTrue(served.contains("second version"), served)
        XCTAssertFalse(served.contains("first version"))
        XCTAssertTrue(try String(contentsOf: savedReport, encoding: .utf8).contains("second version"))
    }

    func testChangingADataFileTheNotebookReadsRendersAgain() throws {
        func csv(_ rows: Int) -> String {
            "label,a,b,c,d\n" + (0..<rows).map { "\($0 % 2),0,1,2,\($0)" }.joined(separator: "\n") + "\n"
        }
        try writeFile(in: folder, "mine.csv", csv(4))
        let events = try openEvents()
        var mark = events.received.utf8.count
        try "```swift\nprint(\"images:\", load(\"mine.csv\").count)\n```\n"
            .write(toFile: notebook, atomically: false, encoding: .utf8)
        XCTAssertTrue(events.read(until: "event: reload", from: mark, timeout: 8), events.received)
        XCTAssertTrue(try eventually(timeout: 8) { try get("/", port: port).body.contains("images: 4") })
        mark = events.received.utf8.count
        try writeFile(in: folder, "mine.csv", csv(7))
        XCTAssertTrue(events.read(until: "event: reload", from: mark, timeout: 8),
                      "a reload within 8 s of changing the data file; got: \(events.received)")
        XCTAssertTrue(try eventually(timeout: 8) { try get("/", port: port).body.contains("images: 7") })
    }

    func testBrokenNotebookKeepsTheLastGoodPageUnderTheError() throws {
        let events = try openEvents()
        var mark = events.received.utf8.count
        // An unclosed flow sequence: the front matter is no longer YAML.
        try "---\ntitle: [Live\n---\n# Notes\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        XCTAssertTrue(events.read(until: "event: reload", from: mark, timeout: 8), events.received)
        let served = try get("/", port: port).body
        XCTAssertTrue(served.contains("first version"), "the last good report stays")
        XCTAssertTrue(served.contains("id=\"folio-watch-error\""), "with the error banner")
        XCTAssertTrue(served.contains("live.md:"), "the banner names the file and line: \(served)")
        let banner = try XCTUnwrap(served.range(of: "folio-watch-error"))
        XCTAssertLessThan(banner.lowerBound, try XCTUnwrap(served.range(of: "first version")).lowerBound)
        let saved = try String(contentsOf: savedReport, encoding: .utf8)
        XCTAssertTrue(saved.contains("first version") && !saved.contains("folio-watch-error"),
                      "the saved report is neither replaced nor marked")

        mark = events.received.utf8.count
        try page(title: "Live", printing: "fixed again").write(toFile: notebook, atomically: true, encoding: .utf8)
        XCTAssertTrue(events.read(until: "event: reload", from: mark, timeout: 8), events.received)
        let fixed = try get("/", port: port).body
        XCTAssertTrue(fixed.contains("fixed again"))
        XCTAssertFalse(fixed.contains("folio-watch-error"), "the banner goes once the notebook renders")
    }

    func testFailedCellShowsAsInTheReport() throws {
        let events = try openEvents()
        let mark = events.received.utf8.count
        try "# Notes\n\n```swift\nprint(nope)\n```\n".write(toFile: notebook, atomically: true, encoding: .utf8)
        XCTAssertTrue(events.read(until: "event: reload", from: mark, timeout: 8), events.received)
        let served = try get("/", port: port).body
        XCTAssertTrue(served.contains("cannot find"), served)
        XCTAssertFalse(served.contains("folio-watch-error"), "a failed cell is a good render, not a banner")
        let saved = try String(contentsOf: savedReport, encoding: .utf8)
        XCTAssertTrue(saved.contains("cannot find"))
    }

    func testEventsSentAtOnceWhenThePageIsAlreadyOutOfDate() throws {
        let events = try LoopbackConnection(port: port)
        try events.send("GET /events?since=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertTrue(events.read(until: "event: reload", timeout: 5), "a page from before the first render reloads")
        XCTAssertTrue(events.received.lowercased().contains("content-type: text/event-stream"), events.received)
    }

    func testPortInUseIsAClearError() throws {
        let second = try WatchServer(store: PageStore(), port: port)
        XCTAssertThrowsError(try startBlocking(second)) { error in
            XCTAssertEqual(error as? WatchServerError, .portInUse(port))
            XCTAssertTrue("\(error)".contains("--port 0"), "\(error)")
        }
    }

    /// An event stream that is open and current (it has seen no reload yet).
    private func openEvents() throws -> LoopbackConnection {
        let events = try LoopbackConnection(port: port)
        let since = server.store.currentGeneration
        try events.send("GET /events?since=\(since) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        XCTAssertTrue(events.read(until: ": connected", timeout: 5), "the stream opened: \(events.received)")
        return events
    }
}

/// Starts a server from a synchronous test and returns its port.
func startBlocking(_ server: WatchServer) throws -> UInt16 {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<UInt16, Error> = .failure(LoopbackError("no answer"))
    Task {
        do { result = .success(try await server.start()) } catch { result = .failure(error) }
        done.signal()
    }
    guard done.wait(timeout: .now() + 10) == .success else { throw LoopbackError("the server did not start") }
    return try result.get()
}

func stopBlocking(_ server: WatchServer) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await server.stop()
        done.signal()
    }
    _ = done.wait(timeout: .now() + 5)
}
