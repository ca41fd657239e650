import XCTest
@testable import Datasets

final class ToySetsTests: XCTestCase {
    func testGridLabelsFollowTheRule() throws {
        let grid = try ToySets.grid(resolution: 5, classCount: 2) { x, _ in x > 0 ? 1 : 0 }
        XCTAssertEqual(grid.count, 25)
        for i in 0..<grid.count { XCTAssertEqual(grid.labels[i], grid.point(at: i).x > 0 ? 1 : 0) }
        XCTAssertEqual(grid.point(at: 0).x, -1)
        XCTAssertEqual(grid.point(at: 24).y, 1)
        XCTAssertThrowsError(try ToySets.grid(classCount: 2) { _, _ in 5 })
    }

    func testXorLabelsAndSeeds() throws {
        let a = try ToySets.xor(count: 100, seed: 1)
        XCTAssertEqual(a.points, try ToySets.xor(count: 100, seed: 1).points)
        XCTAssertNotEqual(a.points, try ToySets.xor(count: 100, seed: 2).points)
        for i in 0..<a.count {
            let p = a.point(at: i)
            XCTAssertEqual(a.labels[i], (p.x < 0) != (p.y < 0) ? 1 : 0)
        }
    }

    func testSpiralsAndBlobsShapes() throws {
        let spirals = try ToySets.twoSpirals(count: 50, noise: 0.01, seed: 3)
        XCTAssertEqual(spirals.labelCounts().counts, [50, 50])
        let radii = (0..<spirals.count).map { i -> Float in
            let p = spirals.point(at: i); return (p.x * p.x + p.y * p.y).squareRoot()
        }
        XCTAssertLessThan(radii.max()!, 1.1)
        let blobs = try ToySets.blobs(countPerClass: 200, classCount: 3, spread: 0.1, seed: 4)
        XCTAssertEqual(blobs.labelCounts().counts, [200, 200, 200])
        // The mean of class 0 sits near its centre (1, 0).
        let xs = (0..<200).map { blobs.point(at: $0).x }
        XCTAssertEqual(xs.reduce(0, +) / 200, 1, accuracy: 0.05)
        let batch = blobs.batch([0, 599])
        XCTAssertEqual(batch.inputShape, [2, 2])
        XCTAssertEqual(batch.labels, [0, 2])
        let (train, test) = try blobs.split(0.5, stratified: true, seed: 1)
        XCTAssertEqual(train.labelCounts().counts, [100, 100, 100])
        XCTAssertEqual(test.count, 300)
    }
}

final class ToySetsArgumentTests: XCTestCase {
    func testNonPositiveCountsAreErrors() {
        assertDatasetError(try ToySets.xor(count: -1), contains: ["count ≥ 1", "found -1"])
        assertDatasetError(try ToySets.twoSpirals(count: 0), contains: ["count ≥ 1"])
        assertDatasetError(try ToySets.blobs(countPerClass: 5, classCount: 0), contains: ["classCount ≥ 1"])
    }
}
