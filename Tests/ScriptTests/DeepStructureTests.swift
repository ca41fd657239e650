import XCTest
@testable import Script

/// Inputs as deep as they are long (issue #10): each must give a result or a clear error, fast,
/// never a stack overflow. Inputs are built here rather than stored.
final class DeepStructureTests: XCTestCase {
    func testLongSumCompilesInLinearTimeAndRunsWithoutRecursion() throws {
        let terms = 100_000
        let source = "let x = " + Array(repeating: "1", count: terms).joined(separator: " + ") + "\nprint(x)"
        let start = Date()
        XCTAssertEqual(try Session().run(source), "\(terms)\n")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    }

    func testLongChainKeepsOperatorSemantics() throws {
        let ands = Array(repeating: "true", count: 100).joined(separator: " && ") + " && false"
        assertOutput("print(\(ands))", "false\n")
        let mixed = Array(repeating: "1", count: 100).joined(separator: " + ") + " + 0.5"
        assertOutput("print(\(mixed))", "100.5\n")
    }

    func testDeepInterpolationIsALexerError() {
        let depth = 400_000
        let source = String(repeating: "\"\\(", count: depth) + "1" + String(repeating: ")\"", count: depth)
        assertError(source, line: 1, column: 1 + 3 * Lexer.maxInterpolationDepth + 1,
                    "string interpolation nested more than \(Lexer.maxInterpolationDepth) deep")
    }

    func testLongPostfixChainIsANestingError() {
        let source = "let s = \"a\"\ns" + String(repeating: ".count.description", count: 20_000)
        XCTAssertNotNil(Session().failure(source)?.message.contains("nested too deeply"))
    }

    func testForceUnwrapOfNonOptionalIsRejected() {
        assertError("1!!!", line: 1, column: 2, "cannot force unwrap value of non-optional type 'Int'")
        assertError("let x: Int? = 1\nx!!", line: 2, column: 3,
                    "cannot force unwrap a value that '!' has already unwrapped")
        assertOutput("let x: Int? = 1\nprint(x!)", "1\n")
    }

    func testDeepValueIsFreedIteratively() {
        // Passed straight from the builders, so teardown holds the only reference.
        ValueTeardown.release(nestedArrays(1_000_000))
        ValueTeardown.release(nestedDictionaries(1_000_000))
    }

    private func nestedArrays(_ depth: Int) -> Value {
        var value = Value.array([])
        for _ in 0..<depth { value = .array([value]) }
        return value
    }

    private func nestedDictionaries(_ depth: Int) -> Value {
        var value = Value.dictionary(DictionaryValue())
        for _ in 0..<depth { value = .tuple([.dictionary(DictionaryValue(["k": value]))]) }
        return value
    }

    func testSharedValueSurvivesTeardown() {
        let shared = Value.array([.array([.int(1)])])
        ValueTeardown.release(.array([shared, shared]))
        XCTAssertEqual(shared.description, "[[1]]")
    }

    func testDeepValueDescriptionIsCut() {
        let value = nestedArrays(1_000)
        let text = value.description
        XCTAssertTrue(text.hasPrefix(String(repeating: "[", count: Value.maxDescribedDepth)))
        XCTAssertTrue(text.contains("…"))
        XCTAssertTrue(value.typeName.contains("…"))
    }
}

/// The deep values of issue 10, end to end: built in a cell and freed when the interpreter goes.
final class DeepValueRunTests: XCTestCase {
    func testAMillionDeepArrayIsFreedWithTheInterpreter() throws {
        var session: Session? = Session()
        XCTAssertEqual(try session?.run("var a: [Any] = []\nfor _ in 0..<1_000_000 { a = [a] }\nprint(\"built\")"),
                       "built\n")
        session = nil  // frees the globals frame, and with it the value
    }
}
