import XCTest
@testable import Learn

final class ProgressTests: XCTestCase {
    func testNonTerminalWritesOneLinePerEpoch() throws {
        var text = ""
        let sink = TerminalProgress(isTTY: false) { text += $0 }
        let data = try quadrantBlobs(count: 40, seed: 1)
        try Sequential { Flatten(); Dense(4) }.fit(data, epochs: 3, batchSize: 8, seed: 1, progress: sink)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[2].hasPrefix("Epoch 3/3  5/5 "
                                         + "━━━━━━━━━━━━━━━━━━━━  loss "),
                      String(lines[2]))
        XCTAssertFalse(text.contains("\r"))
    }

    func testTerminalRedrawsInPlaceAndThrottles() throws {
        var writes: [String] = []
        let sink = TerminalProgress(isTTY: true) { writes.append($0) }
        for b in 1...500 {
            sink.batchDidEnd(epoch: 1, epochs: 2, batch: b, batches: 500, loss: 0.5, accuracy: 0.75, elapsed: 1)
        }
        XCTAssertLessThan(writes.count, 10)  // 500 batches in far less than 0.5 s: a handful of redraws
        XCTAssertTrue(writes.allSatisfy { $0.hasPrefix("\r") })
        XCTAssertTrue(writes.last!.contains("500/500 ━━━━━━━━━━━━━━━━━━━━  "
                                            + "loss 0.500 · acc 0.750 · 1s · ETA 0s"),
                      writes.last!)
        XCTAssertEqual(TerminalProgress.line(epoch: 3, epochs: 10, batch: 470, batches: 938, loss: 0.312,
                                             accuracy: 0.887),
                       "Epoch 3/10  470/938 ━━━━━━━━━━──────────  "
                       + "loss 0.312 · acc 0.887")
    }
}
