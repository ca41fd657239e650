import XCTest
@testable import Charts

final class NiceTicksTests: XCTestCase {
    /// Over ranges of many magnitudes and signs: ticks cover the data, the step is 1, 2 or 5
    /// times a power of ten, there are a handful of them, and labels carry no float noise.
    func testTicksCoverRangeWithNiceStepsForManyRanges() {
        let ranges: [(Double, Double)] = [
            (0, 1), (0.1, 0.3), (0, 0.7), (-3, 17), (0.0012, 0.0047), (1e-7, 3e-7), (123, 4567),
            (99_000, 100_001), (-1e6, 2.5e6), (2.3, 2.31), (-0.5, -0.1), (0.07, 2.31), (1, 15), (0.25, 0.95),
        ]
        for (low, high) in ranges {
            let ticks = NiceTicks(low: low, high: high)
            XCTAssertLessThanOrEqual(ticks.values.first!, low, "\(low)…\(high)")
            XCTAssertGreaterThanOrEqual(ticks.values.last!, high, "\(low)…\(high)")
            XCTAssertTrue((3...12).contains(ticks.values.count), "\(ticks.values.count) ticks for \(low)…\(high)")
            let exponent = log10(ticks.step).rounded(.down)
            let mantissa = ticks.step / pow(10, exponent)
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(ticks.step) for \(low)…\(high)")
            for (a, b) in zip(ticks.values, ticks.values.dropFirst()) {
                XCTAssertEqual(b - a, ticks.step, accuracy: ticks.step * 1e-9)
            }
            for label in ticks.labels {
                XCTAssertLessThanOrEqual(label.count, 9, "noisy label '\(label)' for \(low)…\(high)")
                XCTAssertFalse(label.contains("0000000"), "noisy label '\(label)'")
            }
            XCTAssertEqual(Set(ticks.labels).count, ticks.labels.count, "duplicate labels \(ticks.labels)")
        }
    }

    func testTenthsAreLabelledWithoutFloatNoise() {
        let ticks = NiceTicks(low: 0, high: 1)
        XCTAssertEqual(ticks.labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let tenths = NiceTicks(low: 0.1, high: 0.5, count: 4)
        XCTAssertEqual(tenths.labels, ["0.1", "0.2", "0.3", "0.4", "0.5"])
        XCTAssertEqual(tenths.values[2], 0.3) // exactly the double nearest 0.3
    }

    func testConstantDataStillGetsAnAxis() {
        let ticks = NiceTicks(low: 5, high: 5)
        XCTAssertLessThan(ticks.values.first!, 5)
        XCTAssertGreaterThan(ticks.values.last!, 5)
        let zero = NiceTicks(low: 0, high: 0)
        XCTAssertEqual(zero.values.first!, -1)
        XCTAssertEqual(zero.values.last!, 1)
    }

    func testIntegerTicksNeverUseFractionalSteps() {
        let ticks = NiceTicks(low: 1, high: 3, count: 6, integerOnly: true)
        XCTAssertEqual(ticks.step, 1)
        XCTAssertEqual(ticks.labels, ["1", "2", "3"])
    }

    func testLargeAndTinyNumbersGetReadableLabels() {
        XCTAssertEqual(NiceTicks(low: 0, high: 100_000).labels.last, "100,000")
        let tiny = NiceTicks(low: 1e-7, high: 3e-7)
        XCTAssertTrue(tiny.labels.allSatisfy { $0.contains("e-7") }, "\(tiny.labels)")
        XCTAssertEqual(NiceTicks(low: -2, high: 2).labels.first, "−2")
    }
}

final class ExtremeTicksTests: XCTestCase {
    func testExtremeMagnitudesDoNotCrash() {
        for (low, high) in [(-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude), (1e-320, 2e-320),
                            (0, Double.infinity), (-Double.nan, 1), (1e300, 1e300)] {
            let ticks = NiceTicks(low: low, high: high)
            XCTAssertGreaterThanOrEqual(ticks.values.count, 2)
            XCTAssertTrue(ticks.values.allSatisfy(\.isFinite))
        }
    }
}
