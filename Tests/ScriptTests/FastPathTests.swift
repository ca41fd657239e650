import XCTest
@testable import Script

/// The evaluator's fast paths (specialised operators, direct calls into pooled frames, in-place
/// `append`, array loops) must behave exactly like the general paths they short-cut.
final class FastPathTests: XCTestCase {
    func testSpecialisedOperatorsKeepSwiftSemantics() {
        let cases: [(String, String)] = [
            ("let n = 5\nprint(n - 1, n + 1, n * 2, n / 2, n < 2, n <= 5, n > 5, n >= 5, n == 5, n != 5)",
             "4 6 10 2 false true false true true false\n"),
            ("let x = 2.5\nprint(x - 1, x * 2, x / 2, x < 3, x == 2, x != 2)", "1.5 5.0 1.25 true false true\n"),
            ("let nan = 0.0 / 0.0\nprint(nan < 1, nan == nan, nan != nan, nan >= 1)", "false false true false\n"),
            ("var i = 0\nwhile i < 3 { i += 1 }\nprint(i)", "3\n"),
            ("let s = \"a\"\nprint(s + \"b\", s < \"b\")", "ab true\n"),
            ("var t = 1.5\nt += 2\nvar u = 1\nu += 2\nprint(t, u)", "3.5 3\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testSpecialisedOperatorsStillReportErrors() {
        assertError("let n = Int.max\nlet m = n + 1", line: 2, column: 11,
                    "arithmetic operation '9223372036854775807 + 1' (on type 'Int') results in an overflow")
        assertError("var n = Int.max\nn += 1", line: 2, column: 1,
                    "arithmetic operation '9223372036854775807 + 1' (on type 'Int') results in an overflow")
        assertError("let s = \"a\"\nif s < 2 { print(s) }", line: 2, column: 6,
                    "binary operator '<' cannot be applied to operands of type 'String' and 'Int'")
    }

    func testDirectCallsBindConvertAndRecurse() {
        let cases: [(String, String)] = [
            ("func fib(_ n: Int) -> Int {\n    if n < 2 { return n }\n    return fib(n - 1) + fib(n - 2)\n}\n"
             + "print(fib(20))", "6765\n"),
            ("func half(_ x: Double) -> Double { x / 2 }\nprint(half(3), half(1.0))", "1.5 0.5\n"),
            ("func add(_ a: Int, _ b: Int) -> Int { a + b }\nprint(add(add(1, 2), add(3, 4)))", "10\n"),
            ("func f(a: Int, b: Int = 10) -> Int { a * b }\nprint(f(a: 2), f(a: 2, b: 3))", "20 6\n"),
            ("func three(_ a: Int, _ b: Int, _ c: Int) -> Int { a * 100 + b * 10 + c }\nprint(three(1, 2, 3))",
             "123\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
        assertError("func g(_ x: Int) -> Int { x }\nlet y = g(\"a\")", line: 2, column: 9,
                    "cannot convert value of type 'String' to expected argument type 'Int'")
        // One call site reaching two functions, the second inside the first's argument: the
        // outer call must still check its own parameter type.
        let sameSite = """
        func strict(_ x: Int) -> String { "strict" }
        func loose(_ x: Any) -> String { "loose" }
        func run(_ n: Int) -> String {
            let f = n == 0 ? loose : strict
            return f(n == 0 ? 0 : run(n - 1))
        }
        print(run(0))
        print(run(1))
        """
        assertError(sameSite, line: 5, column: 12,
                    "cannot convert value of type 'String' to expected argument type 'Int'")
    }

    func testCallsStillWorkAfterACallFailedDeepInRecursion() throws {
        // A failing call abandons its (pooled) frames; later calls must get clean ones.
        let session = Session()
        try session.run("func g(_ n: Int) -> Int {\n    if n == 3 { return [1][5] }\n    if n == 0 { return 0 }\n"
                        + "    return g(n - 1) + 1\n}")
        XCTAssertEqual(session.failure("print(g(5))")?.message, "index out of range: 5 (array has 1 element)")
        XCTAssertEqual(try session.run("print(g(2), g(2))"), "2 2\n")
    }

    func testFramesCapturedByClosuresAreNotReused() {
        // Each call's closure must keep its own frame, even though calls reuse spare frames.
        let source = """
        func counter(_ start: Int) -> () -> Int {
            var n = start
            return { n += 1; return n }
        }
        let a = counter(0)
        let b = counter(100)
        print(a(), a(), b(), a(), b())
        """
        assertOutput(source, "1 2 101 3 102\n")
    }

    func testNestedFunctionsReachOuterVariablesAcrossLevels() {
        let source = """
        func outer(_ x: Int) -> Int {
            let k = 10
            func middle(_ y: Int) -> Int {
                func inner(_ z: Int) -> Int { x + k + y + z }
                return inner(y * 2)
            }
            return middle(x) + middle(1)
        }
        print(outer(1), outer(2))
        """
        // outer(1): middle(1) = 1+10+1+2 = 14, twice = 28;
        // outer(2): middle(2) = 2+10+2+4 = 18, middle(1) = 2+10+1+2 = 15.
        assertOutput(source, "28 33\n")
    }

    func testAppendAndArrayLoopsWorkInPlace() {
        let cases: [(String, String)] = [
            ("var xs: [Double] = []\nfor i in 0..<4 { xs.append(Double(i) * 0.5) }\nvar t = 0.0\n"
             + "for x in xs { t += x }\nprint(xs, t)",
             "[0.0, 0.5, 1.0, 1.5] 3.0\n"),
            ("var xs = [1, 2]\nfor x in xs { xs.append(x * 10) }\nprint(xs)", "[1, 2, 10, 20]\n"),
            ("var s = \"ab\"\ns.append(\"cd\")\nprint(s)", "abcd\n"),
            ("var o: [Int]? = nil\no?.append(1)\nprint(o == nil)", "true\n"),
            ("var xs = [3, 4]\nvar ys = xs\nys.append(5)\nprint(xs, ys)", "[3, 4] [3, 4, 5]\n"),
            ("func first(_ xs: [Int]) -> Int {\n    for x in xs { if x > 1 { return x } }\n    return -1\n}\n"
             + "print(first([1, 5, 7]))", "5\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
        assertError("let xs = [1]\nxs.append(2)", line: 2, column: 1,
                    "cannot use mutating member on immutable value: 'xs' is a 'let' constant")
    }

    /// A nested function or a closure kept in a `let` lives in the frame it closes over; that must
    /// not keep the frame alive after the call, and must still work when it escapes the call.
    func testFunctionsKeptInTheirOwnFrameNeitherLeakNorDangle() throws {
        let session = Session()
        try session.run("""
        func outer(_ n: Int) -> Int {
            func inner(_ x: Int) -> Int { x + n }
            let twice = { (x: Int) -> Int in inner(inner(x)) }
            return twice(1)
        }
        """)
        let before = Frame.live
        XCTAssertEqual(try session.run("var s = 0\nfor i in 0..<2000 { s += outer(i) }\nprint(s)"), "4000000\n")
        XCTAssertLessThan(Frame.live - before, 20, "frames of finished calls must be freed")

        let escapes = """
        func counter() -> () -> Int {
            var c = 0
            func next() -> Int { c += 1; return c }
            return next
        }
        func viaClosure() -> () -> Int {
            func seven() -> Int { 7 }
            let add = { (x: Int) -> Int in x + seven() }
            return { add(seven()) }
        }
        func recursive(_ n: Int) -> Int {
            func fact(_ k: Int) -> Int { k <= 1 ? 1 : k * fact(k - 1) }
            return fact(n)
        }
        let a = counter()
        let b = viaClosure()
        let fs = [counter, counter].map { $0() }
        print(a(), a(), b(), recursive(5), fs[0](), fs[1](), fs[0]())
        """
        assertOutput(escapes, "1 2 14 120 1 1 2\n")
    }
}

#if DEBUG
/// Writing through a subscript into a variable's own array must not copy it: a copy per write makes
/// a loop over a large array quadratic (`for i in 0..<n { rows[i] = rows[i].map { … } }` over 4,600
/// rows of 784 pixels). Checked by counting copies, not by timing.
final class InPlaceSubscriptWriteTests: XCTestCase {
    func testWritingIntoAGlobalArrayInALoopWithAClosureDoesNotCopyIt() throws {
        let session = Session()
        try session.run("var rows = (0..<300).map { i in (0..<50).map { Double($0 + i) } }\nlet clean = rows.count")
        let before = CopyCounter.arrayCopies
        try session.run("""
        let n = rows.count
        let q = clean
        for i in 0..<n { rows[i] = rows[i].map { min(255, $0 + 1) } }
        for i in 0..<300 { rows[i][0] = 7 }
        var t = (rows, 1)
        rows = []
        for i in 0..<300 { t.0[i] = [] }
        var p = (a: t.0, b: 2)
        t = ([], 0)
        for i in 0..<300 { p.a[i] = [Double(i)] }
        var d = ["rows": p.a]
        p.a = []
        for i in 0..<300 { d["rows"]![i] = [] }
        """)
        XCTAssertEqual(CopyCounter.arrayCopies - before, 0, "a write into an unshared array copied it")
        XCTAssertEqual(try session.run("print(d[\"rows\"]!.count, d[\"rows\"]![299], clean, n)"), "300 [] 300 300\n")
    }

    func testWritingIntoASharedArrayStillCopiesIt() throws {
        let before = CopyCounter.arrayCopies
        XCTAssertEqual(try Session().run("var xs = [[1, 2], [3]]\nlet ys = xs\nxs[0][1] = 9\nxs[1] = []\n"
                                         + "print(xs, ys)"), "[[1, 9], []] [[1, 2], [3]]\n")
        XCTAssertGreaterThan(CopyCounter.arrayCopies - before, 0)
    }

    func testOutOfRangeWritesLeaveTheValueIntact() {
        let session = Session()
        XCTAssertNotNil(session.failure("var t = (1, [2])\nt.2 = 3"))
        XCTAssertNotNil(session.failure("var p = (a: 1, b: 2)\np.c = 3"))
        XCTAssertNotNil(session.failure("var xs = [1, 2]\nxs[5] = 3"))
        XCTAssertEqual(try session.run("print(t, p, xs)"), "(1, [2]) (a: 1, b: 2) [1, 2]\n")
    }
}
#endif
