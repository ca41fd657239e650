import CellOutput
import FolioTestSupport
import Foundation
import Report
import RunLimits
@testable import Runner
import XCTest

/// The watchdog ends a cell that went past its limit and did not stop, with the report as it stands.
final class WatchdogTests: XCTestCase {
    override func tearDown() {
        RunBudget.shared.reset()
    }

    func testACellStuckPastItsLimitIsEndedWithTheCellsAsTheyStand() throws {
        let text = "```swift\nprint(1)\n```\n\n```swift\nstuck()\n```\n\n```swift\n2\n```\n"
        let document = try XCTUnwrap(parseNotebook(text))
        let progress = RunProgress()
        progress.start(cell: 0)
        progress.finish(CellRun(status: .succeeded, outputs: [.text("1\n")]))
        progress.start(cell: 1)
        progress.append(.text("partial\n"))
        RunBudget.shared.startRun(seconds: nil)
        RunBudget.shared.startCell(seconds: 0.01)

        let ended = expectation(description: "the watchdog ends the run")
        nonisolated(unsafe) var seen: ([CellRun], Diagnostic)?
        let watchdog = Watchdog(progress: progress, document: document, grace: .milliseconds(100)) { cells, failure in
            seen = (cells, failure)
            ended.fulfill()
        }
        watchdog.start()
        wait(for: [ended], timeout: 5)
        watchdog.stop()

        let (cells, failure) = try XCTUnwrap(seen)
        XCTAssertEqual(cells.map(\.status), [.succeeded, .failed(failure), .notRun])
        XCTAssertEqual(cells[1].outputs, [.text("partial\n")], "what the cell printed before it stuck is kept")
        XCTAssertEqual(failure.location.line, 6)
        XCTAssertTrue(failure.message.hasPrefix("cell exceeded its timeout of 0.01 s and did not stop within 0.1 s"),
                      failure.message)
    }

    func testACellWithinItsLimitIsLeftAlone() throws {
        let document = try XCTUnwrap(parseNotebook("```swift\nprint(1)\n```\n"))
        let progress = RunProgress()
        progress.start(cell: 0)
        RunBudget.shared.startRun(seconds: nil)
        RunBudget.shared.startCell(seconds: 60)
        let watchdog = Watchdog(progress: progress, document: document, grace: .milliseconds(50)) { _, _ in
            XCTFail("the watchdog fired for a cell within its limit")
        }
        watchdog.start()
        Thread.sleep(forTimeInterval: 0.3)
        watchdog.stop()
    }
}
