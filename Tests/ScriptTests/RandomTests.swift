import XCTest
@testable import Script

/// The cell language's own draws follow the notebook's seed, like the engine's.
final class RandomTests: XCTestCase {
    private let program = """
    print(Int.random(in: 0..<1_000_000), Double.random(in: 0.0..<1.0), Bool.random())
    print([1, 2, 3, 4, 5, 6, 7, 8, 9].shuffled(), (0..<100).randomElement() ?? -1)
    var xs = Array(0..<20)
    xs.shuffle()
    print(xs)
    """

    private func draws(seed: UInt64?) throws -> String {
        let session = Session()
        session.interp.seedRandom(seed)
        return try session.run(program)
    }

    func testTheSameSeedDrawsTheSameNumbers() throws {
        XCTAssertEqual(try draws(seed: 42), try draws(seed: 42))
    }

    func testDifferentSeedsAndNoSeedDrawDifferentNumbers() throws {
        XCTAssertNotEqual(try draws(seed: 42), try draws(seed: 43))
        XCTAssertNotEqual(try draws(seed: nil), try draws(seed: nil))
    }

    func testAnEmptyOrInfiniteDoubleRangeIsAnErrorNotATrap() {
        let session = Session()
        let infinite = session.failure("let x = Double.random(in: 0.0...Double.infinity)")
        XCTAssertEqual(infinite?.message.hasPrefix("Double.random(in:) needs a finite range"), true)
        for range in ["1.0...0.0", "Double.nan...1.0"] {
            let failure = session.failure("let x = Double.random(in: \(range))")
            XCTAssertEqual(failure?.message.hasPrefix("range requires lowerBound <= upperBound"), true, range)
        }
    }
}
