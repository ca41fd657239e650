import RunLimits
import XCTest
@testable import Script

/// Every error path: exact message and cell line:column.
final class DiagnosticTests: XCTestCase {
    func testRuntimeErrors() {
        let cases: [(String, Int, Int, String)] = [
            ("let a = 9223372036854775807\nlet b = a + 1", 2, 11,
             "arithmetic operation '9223372036854775807 + 1' (on type 'Int') results in an overflow"),
            ("let z = 0\nprint(1 / z)", 2, 9, "division by zero"),
            ("let z = 0\nprint(1 % z)", 2, 9, "division by zero in remainder operation"),
            ("let xs = [1, 2, 3]\nprint(xs[5])", 2, 9, "index out of range: 5 (array has 3 elements)"),
            ("var xs = [1]\nxs[2] = 0", 2, 3, "index out of range: 2 (array has 1 element)"),
            ("let v: Int? = nil\nprint(v!)", 2, 8, "unexpectedly found nil while unwrapping an Optional value"),
            ("func f(_ n: Int) -> Int { f(n + 1) }\nf(0)", 1, 27, "stack overflow: recursion deeper than 10000 calls"),
            ("let a = 1\nlet b = 2.5\nprint(a + b)", 3, 9,
             "binary operator '+' cannot be applied to operands of type 'Int' and 'Double'"),
            ("let a = \"x\"\nprint(a * 2)", 2, 9,
             "binary operator '*' cannot be applied to operands of type 'String' and 'Int'"),
            ("let n = 3\nlet y: Double = n", 2, 17, "cannot convert value of type 'Int' to specified type 'Double'"),
            ("var n = 0\nn = 2.5", 2, 5, "cannot assign value of type 'Double' to type 'Int'"),
            ("var t = 0.0\nlet i = 2\nt += i", 3, 1,
             "binary operator '+=' cannot be applied to operands of type 'Double' and 'Int'"),
            ("func f(_ x: Double) -> Double { x }\nlet i = 2\nf(i)", 3, 1,
             "cannot convert value of type 'Int' to expected argument type 'Double'"),
            ("func f() -> Int { return \"s\" }\nf()", 1, 26,
             "cannot convert return expression of type 'String' to return type 'Int'"),
            ("let xs = [1, 2]\nxs.lenght", 2, 4, "value of type '[Int]' has no member 'lenght'; did you mean 'count'?"),
            ("let xs = [1, 2]\nprint(xs.cout)", 2, 10,
             "value of type '[Int]' has no member 'cout'; did you mean 'count'?"),
            ("if 1 { }", 1, 4, "cannot convert value of type 'Int' to expected condition type 'Bool'"),
            ("let (a, b) = 5", 1, 6, "tuple pattern cannot match values of non-tuple type 'Int'"),
            ("let f = 3\nf()", 2, 1, "cannot call value of non-function type 'Int'"),
            ("for x in 5 { }", 1, 10, "for-in loop requires 'Int' to conform to 'Sequence'"),
            ("print(Int(\"x\")!)", 1, 15, "unexpectedly found nil while unwrapping an Optional value"),
            ("let r = 5..<1", 1, 10, "range requires lowerBound <= upperBound (got 5..<1)"),
        ]
        for (source, line, column, message) in cases { assertError(source, line: line, column: column, message) }
    }

    func testCompileErrors() {
        let cases: [(String, Int, Int, String)] = [
            ("let x = 1\nx = 2", 2, 1, "cannot assign to value: 'x' is a 'let' constant"),
            ("let count = 1\nprint(cuont)", 2, 7, "cannot find 'cuont' in scope; did you mean 'count'?"),
            ("let xs = [1]\nxs.append(2)", 2, 1,
             "cannot use mutating member on immutable value: 'xs' is a 'let' constant"),
            ("let x = 1\nlet x = 2", 2, 5, "invalid redeclaration of 'x'"),
            ("let q: Strng = \"a\"", 1, 1, "cannot find type 'Strng' in scope; did you mean 'String'?"),
            ("return 1", 1, 1, "return invalid outside of a func"),
            ("func early() -> Int { later }\nprint(early())\nlet later = 5", 1, 23,
             "variable 'later' used before being initialized"),
            ("for i in 0..<2 { let f = { i }; return }", 1, 33, "return invalid outside of a func"),
            ("struct Point { }", 1, 1,
             "'struct' is not supported in notebook cells; use functions, tuples, arrays and dictionaries"),
            ("print(Array(0..<Int.max).count)", 1, 7,
             "range of 9223372036854775807 elements is too large to turn into an array (limit 200000000)"),
            ("print(undefinedName)\nprint(\"never\")", 1, 7, "cannot find 'undefinedName' in scope"),
            ("let a = 1, b", 1, 12, "type annotation missing in pattern"),
            ("let a = 1, a = 2", 1, 12, "invalid redeclaration of 'a'"),
            ("var n = 1, d: Double = n", 1, 24, "cannot convert value of type 'Int' to specified type 'Double'"),
        ]
        for (source, line, column, message) in cases { assertError(source, line: line, column: column, message) }
    }

    func testCallErrors() {
        let f = "func conv(_ filters: Int, kernel: Int, stride: Int = 1) -> Int { filters * kernel * stride }\n"
        let cases: [(String, Int, Int, String)] = [
            (f + "conv(3)", 2, 1, "missing argument for parameter 'kernel' in call"),
            (f + "conv(3, kernal: 2)", 2, 1,
             "incorrect argument label in call (have '_:kernal:', expected '_:kernel:')"),
            (f + "conv(3, kernel: 2, stride: 1, foo: 1)", 2, 1, "extra argument 'foo' in call"),
            (f + "conv(3, kernel: 2, stride: 1, 5)", 2, 1, "extra argument in call"),
            (f + "conv(3, kernel: 2, foo: 1)", 2, 1,
             "incorrect argument label in call (have '_:kernel:foo:', expected '_:kernel:stride:')"),
            ("let c = { (x: Int) -> Int in x }\nc(1, 2)", 2, 1,
             "closure of type '(Int) -> Int' expects 1 argument, but 2 were passed"),
            ("print(\"a\", sep: \"-\")", 1, 1, "extra argument 'sep' in call; expected print(_ items: Any..., "
                                               + "separator: String = \" \", terminator: String = \"\\n\")"),
        ]
        for (source, line, column, message) in cases { assertError(source, line: line, column: column, message) }
    }

    func testParseErrors() {
        let cases: [(String, Int, Int, String)] = [
            ("let x = 1 +", 1, 12, "expected expression, found end of cell"),
            ("let x = (1 + 2", 1, 15, "expected ',' separator or ')' in tuple, found end of cell"),
            ("if true { print(1)", 1, 19, "expected '}' at end of brace statement (the '{' is at line 1)"),
            ("let a = 1 let b = 2", 1, 11, "consecutive statements on a line must be separated by ';'"),
            ("func f(x) { }", 1, 9, "expected ':' after parameter name (every parameter needs a type), found ')'"),
            ("print(\"abc)", 1, 7, "unterminated string literal"),
        ]
        for (source, line, column, message) in cases { assertError(source, line: line, column: column, message) }
    }

    func testGlobalOfAFailedCellIsReportedWhenRead() throws {
        let s = Session()
        XCTAssertNotNil(s.failure("let a = 1 / (1 - 1)\nlet b = 2"))
        XCTAssertEqual(s.failure("print(b)")?.message,
                       "variable 'b' has no value: the cell that declares it stopped before setting it")
    }

    func testNothingRunsWhenTheCellDoesNotParse() throws {
        let s = Session()
        XCTAssertNotNil(s.failure("print(\"ran\")\nlet = 3"))
        XCTAssertEqual(s.outputs, [])
    }

    func testNotebookLineNumbersAndRendering() throws {
        let s = Session()
        let d = s.failure("let a = 1\nlet b = 2\nlet c = zz + 1", firstLine: 40)
        XCTAssertEqual(d?.location, SourceLocation(file: "test.md", line: 42, column: 9))
        XCTAssertEqual(d?.description, "test.md:42:9: error: cannot find 'zz' in scope\nlet c = zz + 1\n        ^~")
    }

    func testErrorInsideFunctionFromEarlierCellPointsAtItsOwnLine() throws {
        let s = Session()
        try s.run("func bad(_ xs: [Int]) -> Int {\n  return xs[3]\n}", firstLine: 10)
        let d = s.failure("let r = bad([1])", firstLine: 30)
        XCTAssertEqual(d?.location.line, 11)
        XCTAssertEqual(d?.sourceLine, "  return xs[3]")
    }

    func testCheckReportsEverySyntaxError() {
        let interp = Interpreter()
        let ds = interp.check("let a = \nlet b = 2\nlet c = 3 3\nprint(1)\nlet = 4", file: "x.md", firstLine: 5)
        XCTAssertEqual(ds.map(\.location.line), [5, 7, 9])
        XCTAssertTrue(ds.allSatisfy { $0.location.file == "x.md" })
    }

    func testTimeout() {
        let s = Session()
        RunBudget.shared.startCell(seconds: 0.05)
        defer { RunBudget.shared.reset() }
        let d = s.failure("var i = 0\nwhile true { i += 1 }")
        XCTAssertEqual(d?.message, "cell exceeded its timeout of 0.05 s")
        XCTAssertEqual(d?.location.line, 2)
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let source = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let d = Session().failure(source)
        XCTAssertEqual(d?.message.hasPrefix("expression is nested too deeply"), true)
    }

    /// `$n` becomes n + 1 parameters: `$9223372036854775807` overflowed the count (a fuzzer's find).
    func testAHugeAnonymousArgumentIsAnErrorNotACrash() throws {
        for n in ["256", "9223372036854775807"] {
            let source = "let f = { $\(n) }"
            let d = Session().failure(source)
            XCTAssertEqual(d?.message, "anonymous closure argument '$\(n)' is out of range: "
                                       + "a closure takes at most 256 ($0…$255)")
            XCTAssertEqual(d?.location.column, 11)
            XCTAssertEqual(Interpreter().check(source, file: "x.md", firstLine: 1).count, 1)
        }
        XCTAssertEqual(try Session().run("let last = { $255 }\nprint(1)"), "1\n")
    }
}

/// A call written over several lines reports a wrong label at the argument's own line.
final class MultiLineCallDiagnosticTests: XCTestCase {
    func testAWrongLabelOnALaterLineIsReportedThere() {
        let d = Session().failure("func f(a: Int, b: Int, c: Int) -> Int { a + b + c }\n"
                                  + "let x = f(\n    a: 1,\n    b: 2,\n    d: 3)",
                                  firstLine: 3)
        XCTAssertEqual(d?.location.line, 7)
        XCTAssertEqual(d?.location.column, 5)
        XCTAssertEqual(d?.message.hasPrefix("incorrect argument label in call"), true)
    }

    func testAnExtraArgumentOnALaterLineIsReportedThere() {
        let d = Session().failure("func g(_ x: Int) -> Int { x }\nlet y = g(\n    1,\n    extra: 2\n)")
        XCTAssertEqual(d?.location.line, 4)
        XCTAssertEqual(d?.message, "extra argument 'extra' in call")
    }
}
