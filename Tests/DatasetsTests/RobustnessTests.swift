import XCTest
import Randomness
@testable import Datasets

/// Every truncation and many single-byte corruptions of each format must end in a dataset or a
/// `DatasetError`, never a crash or another error type.
final class RobustnessTests: XCTestCase {
    private func exercise(_ name: String, _ original: [UInt8], companion: (String, [UInt8])? = nil,
                          options: LoadOptions = LoadOptions()) throws {
        let fixtures = try Fixtures()
        if let companion { try fixtures.write(companion.0, companion.1) }
        var random = SplitMix64(seed: 42)
        var variants: [[UInt8]] = (0..<original.count).map { Array(original.prefix($0)) }
        for _ in 0..<200 {
            var flipped = original
            flipped[Int(random.next() % UInt64(original.count))] = UInt8(truncatingIfNeeded: random.next())
            variants.append(flipped)
        }
        var rejected = 0
        for variant in variants {
            let path = try fixtures.write(name, variant)
            do {
                let data = try load(path, options: options)
                _ = data.batch(Array(0..<data.count)[...])
            } catch is DatasetError {
                rejected += 1
            } catch {
                XCTFail("\(name): unexpected error type \(error)")
            }
        }
        XCTAssertGreaterThanOrEqual(rejected, original.count, "\(name): every truncation must be rejected")
    }

    func testIDX() throws {
        let labels = Fixtures.idx(dimensions: [6], values: tinyLabels)
        try exercise("r-images-idx3-ubyte", Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels),
                     companion: ("r-labels-idx1-ubyte", labels))
        try exercise("g-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.idx(dimensions: [6, 2, 2], values: tinyPixels)),
                     companion: ("g-labels-idx1-ubyte.gz", Fixtures.gzip(labels)))
    }

    func testNumpy() throws {
        let labels = Fixtures.npy(descr: "|u1", shape: [6], data: tinyLabels)
        let images = Fixtures.npy(descr: "|u1", shape: [6, 2, 2], data: tinyPixels)
        try exercise("a-imgs.npy", images, companion: ("a-labels.npy", labels))
        try exercise("b-imgs.npz", Fixtures.zip([("arr_0.npy", images)], deflated: true),
                     companion: ("b-labels.npz", Fixtures.zip([("arr_0.npy", labels)], deflated: false)))
    }

    /// A truncated CSV or bitmap text can still be a valid shorter file, so a cut either loads the
    /// full file's first rows, unchanged, or is refused with an error naming the file.
    func testTextFormats() throws {
        let csv = Array("label,p0,p1,p2,p3\n1,0,255,7,9\n0,1,2,3,4\n2,9,9,9,9\n".utf8)
        let text = Array("0 1 1 0 2\n1 0 0 1 0\n".utf8)
        let fixtures = try Fixtures()
        for (name, bytes, options) in [("t.csv", csv, LoadOptions(classCount: 3)), ("t.txt", text, LoadOptions())] {
            let whole = try load(try fixtures.write(name, bytes), options: options)
            var accepted = 0
            for cut in 0..<bytes.count {
                let path = try fixtures.write(name, Array(bytes.prefix(cut)))
                do {
                    let part = try load(path, options: options)
                    accepted += 1
                    XCTAssertLessThanOrEqual(part.count, whole.count, "\(name) cut at \(cut)")
                    let rows = Array(0..<part.count)[...]
                    XCTAssertEqual(part.labels, Array(whole.labels.prefix(part.count)), "\(name) cut at \(cut)")
                    XCTAssertEqual(part.batch(rows).inputs, whole.batch(rows).inputs,
                                   "\(name) cut at \(cut)")
                } catch let error as DatasetError {
                    XCTAssertTrue(error.path.hasSuffix(name), "\(name) cut at \(cut): \(error)")
                } catch {
                    XCTFail("\(name) cut at \(cut): unexpected error type \(error)")
                }
            }
            XCTAssertLessThan(accepted, bytes.count, "\(name): some cuts must be refused")
        }
    }
}
