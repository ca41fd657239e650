import XCTest
@testable import Script

/// Small whole programs in the style of Crafting Interpreters' suite: each line's expected output
/// sits beside the code in `// expect:` comments, and `// expect error:` marks a failing program.
final class GoldenProgramTests: XCTestCase {
    static let programs: [(name: String, source: String)] = [
        ("word counts", """
        let text = "the cat and the hat and the bat"
        var counts: [String: Int] = [:]
        for word in text.split(separator: " ") { counts[word, default: 0] += 1 }
        let top = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        for (word, n) in top.prefix(2) { print("\\(word): \\(n)") }
        // expect: the: 3
        // expect: and: 2
        """),
        ("statistics", """
        let xs: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        print(String(format: "mean=%.2f sd=%.2f", mean, sqrt(variance)))
        // expect: mean=5.00 sd=2.00
        """),
        ("closures and captures", """
        func makeAccumulator(start: Int) -> (Int) -> Int {
            var total = start
            return { x in
                total += x
                return total
            }
        }
        let acc = makeAccumulator(start: 10)
        _ = acc(5)
        print(acc(1))
        // expect: 16
        let other = makeAccumulator(start: 0)
        print(other(1), acc(0))
        // expect: 1 16
        """),
        ("optionals", """
        let scores = ["ann": 90, "bo": 75]
        let s = scores["cy"] ?? 0
        print(s)
        // expect: 0
        if let b = scores["bo"] { print("bo has \\(b)") }
        // expect: bo has 75
        let name: String? = nil
        print(name?.count ?? -1, name == nil)
        // expect: -1 true
        let xs: [Int]? = [1, 2, 3]
        print(xs?.count ?? 0)
        // expect: 3
        """),
        ("recursion and nested functions", """
        func hanoi(_ n: Int, _ from: String, _ to: String, _ via: String) -> Int {
            if n == 0 { return 0 }
            return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from)
        }
        print(hanoi(10, "a", "c", "b"))
        // expect: 1023
        func primes(upTo n: Int) -> [Int] {
            var sieve = Array(repeating: true, count: n + 1)
            var result: [Int] = []
            for i in 2...n where sieve[i] {
                result.append(i)
                for j in stride(from: i * i, through: n, by: i) { sieve[j] = false }
            }
            return result
        }
        print(primes(upTo: 30))
        // expect: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
        """),
        ("matrix", """
        var m = Array(repeating: Array(repeating: 0.0, count: 3), count: 2)
        for i in 0..<2 { for j in 0..<3 { m[i][j] = Double(i * 3 + j) / 2 } }
        print(m)
        // expect: [[0.0, 0.5, 1.0], [1.5, 2.0, 2.5]]
        let flat = m.flatMap { $0 }.map { Int($0 * 2) }
        print(flat.max() ?? 0, flat.count)
        // expect: 5 6
        """),
        ("overflow is reported", """
        var x = 1
        for _ in 0..<70 { x *= 2 }
        // expect error: arithmetic operation '4611686018427387904 * 2' (on type 'Int') results in an overflow
        """),
    ]

    func testPrograms() {
        for (name, source) in Self.programs {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let expected = lines.compactMap { line -> String? in
                guard let r = line.range(of: "// expect: ") else { return nil }
                return String(line[r.upperBound...])
            }
            let expectedError = lines.compactMap { line -> String? in
                guard let r = line.range(of: "// expect error: ") else { return nil }
                return String(line[r.upperBound...])
            }.first
            let session = Session()
            do {
                let out = try session.run(source)
                XCTAssertNil(expectedError, "\(name): expected an error")
                let got = out.split(separator: "\n").map(String.init)
                if got != expected {
                    let lines = max(expected.count, got.count)
                    let padded = zip(expected + Array(repeating: "", count: lines - expected.count),
                                     got + Array(repeating: "", count: lines - got.count))
                    XCTFail("\(name):\n" + zip(0..., padded).filter { $1.0 != $1.1 }
                        .map { "  line \($0 + 1): expected \"\($1.0)\", got \"\($1.1)\"" }.joined(separator: "\n"))
                }
            } catch let d as Diagnostic {
                XCTAssertEqual(d.message, expectedError, "\(name): \(d.description)")
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }
}
