import Randomness
import RunLimits
import XCTest
@testable import Script

/// Seeded random well-formed programs (declarations, arithmetic that may overflow or divide by
/// zero, strings with interpolation, arrays and indexing, ifs, bounded loops, functions, closures):
/// each parses, `check` accepts it, and running it either succeeds or stops with a diagnostic at a
/// line of the program. A crash would end the test process, so surviving is the property.
final class WellFormedProgramTests: XCTestCase {
    override func tearDown() {
        RunBudget.shared.reset()
    }

    func testRandomWellFormedProgramsParseCheckAndRunWithoutCrashing() {
        var generator = ProgramGenerator(random: SplitMix64(seed: 2026))
        var ran = 0, failed = 0
        for _ in 0..<400 {
            let source = generator.program()
            XCTAssertNoThrow(try Parser.parse(source), source)
            XCTAssertTrue(Parser.check(source).isEmpty, source)
            RunBudget.shared.startCell(seconds: 0.5)
            do {
                try Interpreter().run(source, file: "p.md", firstLine: 1) { _ in }
                ran += 1
            } catch let diagnostic as Diagnostic {
                failed += 1
                let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
                XCTAssertTrue((1...lines).contains(diagnostic.location.line), "\(diagnostic)\n\(source)")
            } catch {
                XCTFail("not a diagnostic: \(error)\n\(source)")
            }
        }
        // Both outcomes occur, so the generator exercises errors as well as success.
        XCTAssertGreaterThan(ran, 50)
        XCTAssertGreaterThan(failed, 5)
    }
}

/// Writes programs from a small grammar of the cell language, with Int variables in scope.
struct ProgramGenerator {
    var random: SplitMix64
    private var names: [String] = []
    private var depth = 0

    init(random: SplitMix64) { self.random = random }

    mutating func program() -> String {
        names = []
        depth = 0
        return (0..<pick(2...8)).map { _ in statement() }.joined(separator: "\n")
    }

    private mutating func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func chance(_ percent: Int) -> Bool { pick(1...100) <= percent }

    private mutating func statement() -> String {
        depth += 1
        defer { depth -= 1 }
        let deep = depth > 3
        switch deep ? pick(0...1) : pick(0...7) {
        case 0:
            let name = "v\(names.count)"
            let line = "var \(name) = \(expression())"
            names.append(name)
            return line
        case 1:
            guard let name = names.randomElement(using: &random) else { return "print(\(expression()))" }
            return "\(name) = \(expression())"
        case 2: return "if \(expression()) > \(expression()) {\n\(statement())\n} else {\n\(statement())\n}"
        case 3: return "for i in 0..<\(pick(0...20)) {\n\(statement())\n}"
        case 4: return "print(\"value \\(\(expression())) and \\(\(expression()))\")"
        case 5:
            let function = "f\(pick(0...999))"
            return "func \(function)(_ x: Int) -> Int {\n    return x \(op()) \(expression())\n}\n"
                + "print(\(function)(\(expression())))"
        case 6: return "let xs\(pick(0...99)) = [\(expression()), \(expression())].map { $0 \(op()) 2 }"
        default: return "print([\(expression()), \(expression())][\(pick(0...2))])"
        }
    }

    private mutating func expression() -> String {
        depth += 1
        defer { depth -= 1 }
        switch depth > 4 ? pick(0...1) : pick(0...5) {
        case 0: return String(pick(-3...1_000_000))
        case 1: return names.isEmpty || chance(30) ? "Int.max" : names.randomElement(using: &random)!
        case 2: return "(\(expression()) \(op()) \(expression()))"
        case 3: return "[\(expression()), \(expression())].count"
        case 4: return "\"\\(\(expression()))\".count"
        default: return "abs(\(expression()))"
        }
    }

    private mutating func op() -> String { ["+", "-", "*", "/", "%"].randomElement(using: &random)! }
}
