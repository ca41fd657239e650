import XCTest
@testable import Datasets

final class SequenceDatasetTests: XCTestCase {
    /// Splits a stream into its strings (each starts where an `a` follows a non-`a`).
    private func strings(_ text: String) -> [String] {
        var result: [String] = []
        for ch in text {
            if ch == "a", let last = result.last?.last, last != "a" { result.append("") }
            if result.isEmpty { result.append("") }
            result[result.count - 1].append(ch)
        }
        return result
    }

    func testStreamsBelongToTheLanguage() throws {
        for language in CountingLanguage.allCases {
            let data = try SequenceDataset(language: language, count: 20, steps: 60, minN: 1, maxN: 4, seed: 1)
            for i in 0..<data.count {
                let pieces = strings(data.string(at: i))
                XCTAssertEqual(data.string(at: i).count, 61)
                for piece in pieces.dropLast() {  // the last string may be cut off
                    let n = piece.filter { $0 == "a" }.count
                    XCTAssertTrue((1...4).contains(n))
                    let expected = zip(language.symbols, language.multiples).map { String(repeating: $0,
                                                                                          count: $1 * n) }.joined()
                    XCTAssertEqual(piece, expected)
                }
            }
        }
    }

    func testOneHotInputsNextSymbolLabelsAndSeeds() throws {
        let data = try SequenceDataset(language: .anb2nc3n, count: 4, steps: 10, seed: 5)
        XCTAssertEqual(data.sampleShape, [10, 3])
        let batch = data.batch([2])
        let text = Array(data.string(at: 2))
        for t in 0..<10 {
            let row = Array(batch.inputs[(t * 3)..<(t * 3 + 3)])
            XCTAssertEqual(row.reduce(0, +), 1)
            XCTAssertEqual(data.language.symbols[row.firstIndex(of: 1)!], text[t])
            XCTAssertEqual(data.language.symbols[Int(batch.labels[t])], text[t + 1])
        }
        XCTAssertEqual(try SequenceDataset(language: .anbn, count: 3, seed: 9).symbols,
                       try SequenceDataset(language: .anbn, count: 3, seed: 9).symbols)
        XCTAssertThrowsError(try SequenceDataset(language: .anbn, count: 3, minN: 3, maxN: 2))
    }

    func testDeterministicMaskMatchesTheGrammar() throws {
        let data = try SequenceDataset(language: .anbn, count: 1, steps: 12, minN: 1, maxN: 3, seed: 2)
        let text = Array(data.string(at: 0)), mask = data.deterministicMask(at: 0)
        var aRun = 0
        for t in 0..<12 {
            aRun = text[t] == "a" ? aRun + 1 : 0
            // After a b the rest is forced; after a's only when the maximum n is reached.
            XCTAssertEqual(mask[t], text[t] == "b" || aRun >= 3, "step \(t) of \(String(text))")
        }
        var buffer = [Float](repeating: -1, count: 12)
        data.fillMask(indices: [0], mask: &buffer)
        XCTAssertEqual(buffer, mask.map { $0 ? 1 : 0 })
    }
}
