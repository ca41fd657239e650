import XCTest
@testable import Script

/// Each case: a cell and exactly what it prints (print output plus the last expression's display).
final class EvaluatorTests: XCTestCase {
    func testNumbersAndOperators() {
        let cases: [(String, String)] = [
            ("print(1 + 2 * 3, (1 + 2) * 3, 7 / 2, -7 / 2, 7 % 3, -7 % 3)", "7 9 3 -3 1 -1\n"),
            ("print(1 + 2.5, 2 * 0.5, 10 / 4.0)", "3.5 1.0 2.5\n"),
            ("let x = 2.0\nprint(x * 3, x > 1, 1 < x)", "6.0 true true\n"),
            ("print(0.1 + 0.2, 1e-5, 3.0, 1e16, 100.0)", "0.30000000000000004 1e-05 3.0 1e+16 100.0\n"),
            ("print(1 < 2 && 2 < 3 || false, !true, 1 == 1, \"a\" < \"b\")", "true false true true\n"),
            ("print(true ? 1 : 2, false ? \"a\" : \"b\")", "1 b\n"),
            ("let a: Int? = nil\nprint(a ?? 5, Int(\"7\") ?? 0)", "5 7\n"),
            ("print(-(3), -2.5, abs(-4), abs(-1.5))", "-3 -2.5 4 1.5\n"),
            ("print(Int.max, Int.min, Double.pi)", "9223372036854775807 -9223372036854775808 3.141592653589793\n"),
            ("let d: Double = 3\nprint(d, Double(2), Int(3.9), Int(-3.9))", "3.0 2.0 3 -3\n"),
            ("print(sqrt(16), pow(2, 10), exp(0), log(1), floor(2.7), ceil(2.1), (2.5).rounded())",
             "4.0 1024.0 1.0 0.0 2.0 3.0 3.0\n"),
            ("print(max(1, 5, 3), min(2.5, 1), max(0.5, 2))", "5 1.0 2.0\n"),
            ("print(10.isMultiple(of: 5), 7.5.truncatingRemainder(dividingBy: 2))", "true 1.5\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testStrings() {
        let cases: [(String, String)] = [
            (#"let n = 3; print("n = \(n), twice \(n * 2)")"#, "n = 3, twice 6\n"),
            (#"print("a\tb\\n\"q\"")"#, "a\tb\\n\"q\"\n"),
            (#"let s = "Hello"; print(s.count, s.uppercased(), s.lowercased(), s.hasPrefix("He"), s.hasSuffix("x"))"#,
             "5 HELLO hello true false\n"),
            (#"print("a,b,c".split(separator: ","), "x-y".replacingOccurrences(of: "-", with: "+"), "#
             + #""abc".contains("bc"))"#,
             "[\"a\", \"b\", \"c\"] x+y true\n"),
            (#"print(String(format: "%.3f|%5d|%-4s|%05.1f|%%|%e|%@", 3.14159, 42, "ab", 2.5, 0.00012, "z"))"#,
             "3.142|   42|ab  |002.5|%|1.200000e-04|z\n"),
            (#"print(String(42), String(2.5), String(repeating: "ab", count: 2), "x" + "y")"#, "42 2.5 abab xy\n"),
            ("let s = \"\"\"\n    line one\n      two\n    \"\"\"\nprint(s)", "line one\n  two\n"),
            (#"var s = ""; for i in 0..<3 { s += "\(i)," }; print(s)"#, "0,1,2,\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testCollections() {
        let cases: [(String, String)] = [
            ("let xs = [3, 1, 2]\nprint(xs.count, xs.isEmpty, xs.first ?? 0, xs.last ?? 0, xs[1])", "3 false 3 2 1\n"),
            ("let xs = [3, 1, 2]\nprint(xs.sorted(), xs.sorted(by: >), xs.reversed(), xs.min() ?? 0, xs.max() ?? 0)",
             "[1, 2, 3] [3, 2, 1] [2, 1, 3] 1 3\n"),
            ("let xs = [1, 2, 3, 4]\n"
             + "print(xs.map { $0 * 2 }, xs.filter { $0 % 2 == 0 }, xs.reduce(0, +), xs.reduce(1) { $0 * $1 })",
             "[2, 4, 6, 8] [2, 4] 10 24\n"),
            ("let xs = [\"1\", \"x\", \"3\"]\n"
             + "print(xs.compactMap { Int($0) }, xs.joined(separator: \"-\"), xs.contains(\"x\"))",
             "[1, 3] 1-x-3 true\n"),
            ("let xs = [5, 6]\nfor (i, x) in xs.enumerated() { print(i, x) }", "0 5\n1 6\n"),
            ("print(zip([1, 2], [\"a\", \"b\"]).map { \"\\($0)\\($1)\" }, Array(0..<3), Array(repeating: 0, count: 2))",
             "[\"1a\", \"2b\"] [0, 1, 2] [0, 0]\n"),
            ("print([1, 2, 3].firstIndex(of: 2) ?? -1, [1, 2, 3].contains(where: { $0 > 2 }), [1, 2, "
             + "3].first(where: { $0 > 1 }) ?? 0)", "1 true 2\n"),
            ("var a = [1]\nvar b = a\nb.append(2)\nprint(a, b)", "[1] [1, 2]\n"),
            ("var xs = [1, 2, 3]\nxs.insert(0, at: 0)\nlet r = xs.remove(at: 1)\nxs.append(contentsOf: [7, 8])\n"
             + "let l = xs.removeLast()\nprint(xs, r, l)", "[0, 2, 3, 7] 1 8\n"),
            ("var xs = [3, 1, 2]\nxs.sort()\nxs[0] = 10\nxs[1] += 5\nprint(xs)", "[10, 7, 3]\n"),
            ("var grid = [[0, 0], [0, 0]]\ngrid[1][0] = 5\nprint(grid)", "[[0, 0], [5, 0]]\n"),
            ("var d: [String: Int] = [:]\nd[\"a\"] = 1\nd[\"b\", default: 0] += 2\nd[\"a\"]! += 10\n"
             + "print(d, d.count, d[\"zz\"] ?? -1)", "[\"a\": 11, \"b\": 2] 2 -1\n"),
            ("let d = [\"x\": 1, \"y\": 2]\nfor (k, v) in d { print(k, v) }\nprint(d.keys, d.values)",
             "x 1\ny 2\n[\"x\", \"y\"] [1, 2]\n"),
            ("var d = [\"x\": 1]\nd[\"x\"] = nil\nd.updateValue(3, forKey: \"y\")\nprint(d, d.isEmpty)",
             "[\"y\": 3] false\n"),
            ("var ds: [String: [Int]] = [:]\nds[\"a\", default: []].append(1)\nds[\"a\"]!.append(2)\nprint(ds)",
             "[\"a\": [1, 2]]\n"),
            ("let t = (1, \"x\")\nlet (a, b) = t\nprint(a, b, t.0, t.1, t)", "1 x 1 x (1, \"x\")\n"),
            ("let p = (loss: 0.5, acc: 0.9)\nprint(p.loss, p.acc, p)", "0.5 0.9 (loss: 0.5, acc: 0.9)\n"),
            ("let xs: [Double] = [1, 2]\nvar ys = [Double]()\nys.append(3)\nprint(xs, ys, [1, 2.5])",
             "[1.0, 2.0] [3.0] [1.0, 2.5]\n"),
            ("print((0..<5).map { $0 * $0 }, (1...3).contains(3), (0..<3).count)", "[0, 1, 4, 9, 16] true 3\n"),
            ("let counts = [\"a\", \"b\", \"a\"].reduce(into: [:]) { $0[$1, default: 0] += 1 }\nprint(counts)",
             "[\"a\": 2, \"b\": 1]\n"),
            ("let xs = [1.5, 2.5]\nprint(xs.reduce(0, +), xs.reduce(into: 0.0) { acc, x in acc += x })", "4.0 4.0\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testControlFlow() {
        let cases: [(String, String)] = [
            ("var s = 0\nfor i in 1...10 { s += i }\nprint(s)", "55\n"),
            ("for i in stride(from: 10, to: 0, by: -3) { print(i, terminator: \" \") }\nprint()", "10 7 4 1 \n"),
            ("for i in 0..<10 where i % 3 == 0 { print(i) }", "0\n3\n6\n9\n"),
            ("var i = 0\nwhile true { i += 1; if i == 3 { continue }; if i > 4 { break }; print(i) }", "1\n2\n4\n"),
            ("var n = 0\nrepeat { n += 1 } while n < 3\nprint(n)", "3\n"),
            ("let x = 5\nif x < 3 { print(\"small\") } else if x < 10 { print(\"medium\") } else { print(\"large\") }",
             "medium\n"),
            ("let v: Int? = 4\nif let v, v > 3 { print(\"yes\", v) } else { print(\"no\") }", "yes 4\n"),
            ("func f(_ x: Int?) -> Int {\n  guard let y = x else { return -1 }\n  return y * 2\n}\nprint(f(nil), f(4))",
             "-1 8\n"),
            ("for (k, v) in [(\"a\", 1), (\"b\", 2)] { print(k, v) }", "a 1\nb 2\n"),
            ("for _ in 0..<2 { print(\"hi\") }", "hi\nhi\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    /// `var a = 0, b = 0` declares each binding in order, in the enclosing scope, as Swift does.
    func testSeveralBindingsInOneDeclaration() {
        let cases: [(String, String)] = [
            ("var within = 0, all = 0\nwithin += 1; all += 2\nprint(within, all)", "1 2\n"),
            ("let a = 1, b = \"x\"\nprint(a, b)", "1 x\n"),
            ("let a: Double = 1, b: [Int] = [], c = a + 1\nprint(a, b, c)", "1.0 [] 2.0\n"),
            ("let (p, q) = (1, 2), r = p + q\nprint(r)", "3\n"),
            ("func f() -> Int { var n: Int, m = 2; n = 3; return n * m }\nprint(f())", "6\n"),
            ("if true { let a = 1, b = 2; print(a + b) }", "3\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testFunctionsAndClosures() {
        let cases: [(String, String)] = [
            ("func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }\nprint(fib(15))", "610\n"),
            ("func greet(_ name: String, greeting: String = \"Hello\") -> String { return \"\\(greeting), "
             + "\\(name)!\" }\nprint(greet(\"Ann\"), greet(\"Bo\", greeting: \"Hi\"))", "Hello, Ann! Hi, Bo!\n"),
            ("func move(from a: Int, to b: Int) -> Int { b - a }\nprint(move(from: 2, to: 7))", "5\n"),
            ("func half(_ x: Double) -> Double { x / 2 }\nprint(half(3))", "1.5\n"),
            ("func outer() -> Int {\n  func inner(_ x: Int) -> Int { x + 1 }\n  return inner(41)\n}\nprint(outer())",
             "42\n"),
            ("func counter() -> () -> Int {\n  var n = 0\n  return { n += 1; return n }\n}\nlet c = counter()\n"
             + "_ = c()\nprint(c(), c())", "2 3\n"),
            ("let add = { (a: Int, b: Int) -> Int in a + b }\nprint(add(2, 3))", "5\n"),
            ("let sq: (Int) -> Int = { x in x * x }\nprint(sq(7), [1, 2].map(sq))", "49 [1, 4]\n"),
            ("func apply(_ f: (Int) -> Int, to x: Int) -> Int { f(x) }\nprint(apply({ $0 + 10 }, to: 5))", "15\n"),
            ("func twice(_ x: Int, _ f: (Int) -> Int) -> Int { f(f(x)) }\nprint(twice(3) { $0 * 2 })", "12\n"),
            ("func pair() -> (Int, String) { (1, \"one\") }\nlet (n, s) = pair()\nprint(n, s)", "1 one\n"),
            ("func isEven(_ n: Int) -> Bool { n == 0 ? true : isOdd(n - 1) }\n"
             + "func isOdd(_ n: Int) -> Bool { n == 0 ? false : isEven(n - 1) }\nprint(isEven(10))", "true\n"),
            ("let names = [\"b\": 2, \"a\": 1]\nprint(names.sorted { $0.value < $1.value }.map { $0.key })",
             "[\"a\", \"b\"]\n"),
            ("print([3, 1, 2].sorted(by: <), [[1, 2], [3]].flatMap { $0 })", "[1, 2, 3] [1, 2, 3]\n"),
            ("var fs: [() -> Int] = []\nfor i in 0..<3 { fs.append { i * 10 } }\nprint(fs.map { $0() })",
             "[0, 10, 20]\n"),
            ("func firstBig(_ xs: [Int]) -> Int {\n  for x in xs { let big = { x > 2 }; if big() { return x } }\n"
             + "  return -1\n}\nprint(firstBig([1, 5, 7]))", "5\n"),
            ("let x: Int\nif 2 > 1 { x = 3 } else { x = 4 }\nprint(x)", "3\n"),
            ("import Foundation\nprint(\"ok\")", "ok\n"),
            ("func show() { print(results) }\nlet results = [1]\nshow()", "[1]\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testLastExpressionDisplay() {
        let cases: [(String, String)] = [
            ("[1, 2, 3]", "[1, 2, 3]\n"),
            ("\"plain\"", "plain\n"),
            ("[\"a\": 1]", "[\"a\": 1]\n"),
            ("let x = 1", ""),
            ("var y = 1\ny = 2", ""),
            ("let n: Int? = nil\nn", ""),
            ("(1, \"x\")", "(1, \"x\")\n"),
            ("0.1", "0.1\n"),
            ("print(\"p\")", "p\n"),
            (".relu", ".relu\n"),
            ("1..<3", "1..<3\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    func testStatePersistsAcrossCells() throws {
        let s = Session()
        try s.run("let base = 10\nvar total = 0\nfunc addTo(_ x: Int) { total += x }")
        try s.run("addTo(base)\naddTo(5)")
        XCTAssertEqual(try s.run("total"), "15\n")
        // A later cell may declare a name again (notebooks are re-run piecemeal).
        XCTAssertEqual(try s.run("let base = 1\nbase"), "1\n")
    }

    func testParamsRecord() throws {
        let s = Session()
        s.interp.setGlobal("params", .record(["epochs": .int(3), "lr": .double(0.001)]))
        XCTAssertEqual(try s.run("print(params.epochs * 2, params.lr)"), "6 0.001\n")
    }
}
