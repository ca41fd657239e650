import XCTest
@testable import Charts

final class ThinningTests: XCTestCase {
    func testLongSeriesShrinksButKeepsEveryExtreme() {
        let n = 100_000
        var y = (0..<n).map { sin(Double($0) / 500) }
        y[12_345] = 50   // a spike
        y[77_777] = -40  // a dip
        let x = (0..<n).map(Double.init)
        let thin = thinForDrawing(x: x, y: y, buckets: 1000)
        XCTAssertLessThanOrEqual(thin.x.count, 2000)
        XCTAssertGreaterThan(thin.x.count, 1000)
        XCTAssertEqual(thin.y.max(), 50)
        XCTAssertEqual(thin.y.min(), -40)
        XCTAssertTrue(zip(thin.x, thin.y).contains { $0 == (12_345, 50) })
        XCTAssertEqual(thin.x, thin.x.sorted(), "points stay in x order")
    }

    func testEveryBucketKeepsItsOwnMinimumAndMaximum() {
        let y = (0..<10_000).map { Double(($0 * 7919) % 1000) }
        let x = (0..<10_000).map(Double.init)
        let thin = thinForDrawing(x: x, y: y, buckets: 100)
        for b in 0..<100 {
            let bucket = y[(b * 100)..<((b + 1) * 100)]
            let kept = zip(thin.x, thin.y).filter { Int($0.0) / 100 == b }.map(\.1)
            XCTAssertTrue(kept.contains(bucket.max()!) && kept.contains(bucket.min()!), "bucket \(b)")
        }
    }

    func testShortSeriesComesBackUnchanged() {
        let thin = thinForDrawing(x: [1, 2, 3], y: [3, 1, 2], buckets: 10)
        XCTAssertEqual(thin.x, [1, 2, 3])
        XCTAssertEqual(thin.y, [3, 1, 2])
    }

    func testGapsSurviveThinning() {
        var y = (0..<1000).map(Double.init)
        y[500] = .nan
        let thin = thinForDrawing(x: (0..<1000).map(Double.init), y: y, buckets: 50)
        XCTAssertTrue(thin.y.contains { $0.isNaN })
    }
}
