import XCTest
@testable import Script

final class ClockTests: XCTestCase {
    func testNowIsWallSecondsSinceTheEpoch() throws {
        let before = Date().timeIntervalSince1970
        let printed = try Session().run("print(now())")
        let after = Date().timeIntervalSince1970
        let value = try XCTUnwrap(Double(printed.trimmingCharacters(in: .newlines)))
        XCTAssertTrue(before - 0.001 <= value && value <= after + 0.001, "\(before) ≤ \(value) ≤ \(after)")
    }

    func testMeasureTimesTheClosureAndCPUTimeGrowsWithWork() throws {
        let out = try Session().run("""
        let c0 = cpuTime()
        var s = 0
        let busy = measure { for i in 0..<300_000 { s += i % 7 } }
        let idle = measure { }
        let used = cpuTime() - c0
        print(busy > idle, idle >= 0, used > 0, used >= busy * 0.2, s)
        """)
        XCTAssertEqual(out, "true true true true \((0..<300_000).map { $0 % 7 }.reduce(0, +))\n")
    }

    func testMeasurePassesOnErrorsAndChecksItsArgument() {
        assertError("let t = measure {\n    let xs = [1]\n    print(xs[3])\n}", line: 3, column: 13,
                    "index out of range: 3 (array has 1 element)")
        XCTAssertEqual(Session().failure("measure(3)")?.message,
                       "cannot convert value of type 'Int' to expected argument type 'Closure'; "
                       + "expected measure(_ body: Closure)")
    }
}
