import XCTest
@testable import Charts

final class SeriesTests: XCTestCase {
    func testMeanBandNamesTheRunsOnceAndSpansOneStandardDeviation() throws {
        let series = try Series.meanBand(name: "CNN", runs: [[1, 2, 3], [3, 4]])
        XCTAssertEqual(series.name, "CNN (mean ± sd, 2 runs)")
        XCTAssertEqual(series.y, [2, 3, 3])
        XCTAssertEqual(series.band?.lower[0] ?? .nan, 2 - 2.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(series.band?.upper[2], 3, "one run reached epoch 3: no spread")
        XCTAssertThrowsError(try Series.meanBand(name: "none", runs: []))
    }

    func testEpochAxesTickOnlyWholeEpochs() throws {
        for epochs in [2, 3, 7] {
            var chart = LineChart(series: [Series(name: "acc", y: (0..<epochs).map { 0.5 + 0.05 * Double($0) })],
                                  xLabel: "epoch")
            chart.integerX = true
            let root = try XCTUnwrap(assertWellFormedSVG(try chart.svg()))
            let axis = try XCTUnwrap(root.all("g").first { $0.attributes["text-anchor"] == "middle" })
            let ticks = axis.all("text").map(\.text)
            XCTAssertFalse(ticks.isEmpty)
            XCTAssertTrue(ticks.allSatisfy { Int($0) != nil }, "\(epochs) epochs: \(ticks)")
        }
    }
}
