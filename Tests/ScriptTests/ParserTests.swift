import XCTest
@testable import Script

/// Parses expressions and prints them fully parenthesised, to pin down precedence and shapes.
final class ParserTests: XCTestCase {
    func sexpr(_ e: Expr) -> String {
        switch e.kind {
        case .int(let v): return "\(v)"
        case .double(let v): return "\(v)"
        case .bool(let v): return "\(v)"
        case .nil: return "nil"
        case .string: return "\"…\""
        case .identifier(let n): return n
        case .implicitMember(let n): return ".\(n)"
        case .array(let xs): return "[" + xs.map(sexpr).joined(separator: " ") + "]"
        case .dictionary(let ps):
            return "[" + ps.map { "\(sexpr($0.key)):\(sexpr($0.value))" }.joined(separator: " ") + "]"
        case .tuple(let xs, _): return "(tuple " + xs.map(sexpr).joined(separator: " ") + ")"
        case .unary(let op, let x): return "(\(op) \(sexpr(x)))"
        case .binary(let op, let a, let b): return "(\(op) \(sexpr(a)) \(sexpr(b)))"
        case .ternary(let c, let a, let b): return "(? \(sexpr(c)) \(sexpr(a)) \(sexpr(b)))"
        case .forceUnwrap(let x): return "(! \(sexpr(x)))"
        case .member(let b, let n, let opt, _): return "(\(opt ? "?." : ".") \(sexpr(b)) \(n))"
        case .tupleIndex(let b, let i, _, _): return "(. \(sexpr(b)) \(i))"
        case .subscript(let b, let args, _, _):
            return "(sub \(sexpr(b)) " + args.map { sexpr($0.value) }.joined(separator: " ") + ")"
        case .call(let c, let args, _, _):
            let shown = args.map { arg in
                " " + (arg.label.map { $0 == trailingClosureLabel ? "" : "\($0):" } ?? "") + sexpr(arg.value)
            }
            return "(call \(sexpr(c))" + shown.joined() + ")"
        case .closure(let c): return "{\(c.params.map(\.name).joined(separator: ","))|\(c.dollarCount)|\(c.body.count)}"
        case .cast(let x, let type, let kind): return "(\(kind.rawValue) \(sexpr(x)) \(type))"
        }
    }

    func parseExpr(_ s: String) throws -> String {
        let stmts = try Parser.parse(s)
        guard stmts.count == 1, case .expr(let e) = stmts[0].kind else { return "not one expression" }
        return sexpr(e)
    }

    func testPrecedenceAndAssociativity() throws {
        let cases: [(String, String)] = [
            ("1 + 2 * 3", "(+ 1 (* 2 3))"),
            ("x as? Int ?? 0", "(?? (as? x Int) 0)"),
            ("a + b as! [Double] == c", "(== (as! (+ a b) [Double]) c)"),
            ("0..<n as Range", "(as (..< 0 n) Range)"),
            ("1 - 2 - 3", "(- (- 1 2) 3)"),
            ("a < b && c || d", "(|| (&& (< a b) c) d)"),
            ("a ?? b ?? c", "(?? a (?? b c))"),
            ("a ?? 0 + 1", "(?? a (+ 0 1))"),
            ("0..<n + 1", "(..< 0 (+ n 1))"),
            ("x == 1 ? a : b", "(? (== x 1) a b)"),
            ("-a * b", "(* (- a) b)"),
            ("!a && b", "(&& (! a) b)"),
            ("-3", "-3"),
            ("a.b(c).d[0]!", "(! (sub (. (call (. a b) c) d) 0))"),
            ("a?.b.c", "(. (?. a b) c)"),
            ("t.0", "(. t 0)"),
            ("f(x, label: y)", "(call f x label:y)"),
        ]
        for (source, expected) in cases {
            XCTAssertEqual(try parseExpr(source), expected, source)
        }
    }

    func testClosuresAndTrailingClosures() throws {
        XCTAssertEqual(try parseExpr("xs.map { $0 * 2 }"), "(call (. xs map) {|1|1})")
        XCTAssertEqual(try parseExpr("xs.reduce(0) { a, b in a + b }"), "(call (. xs reduce) 0 {a,b|0|1})")
        XCTAssertEqual(try parseExpr("f { (x: Int) -> Int in\n  x\n}"), "(call f {x|0|1})")
        XCTAssertEqual(try parseExpr("Sequential {\n  Dense(1)\n  Dense(2)\n}"), "(call Sequential {|0|2})")
    }

    func testCollectionsAndTuples() throws {
        XCTAssertEqual(try parseExpr("[1, 2]"), "[1 2]")
        XCTAssertEqual(try parseExpr("[\"a\": 1]"), "[\"…\":1]")
        XCTAssertEqual(try parseExpr("[:]"), "[]")
        XCTAssertEqual(try parseExpr("(1, b: 2)"), "(tuple 1 2)")
        XCTAssertEqual(try parseExpr("(1)"), "1")
    }

    func testLineContinuation() throws {
        XCTAssertEqual(try parseExpr("xs\n  .filter { $0 > 1 }\n  .count"), "(. (call (. xs filter) {|1|1}) count)")
        XCTAssertEqual(try parseExpr("a\n  + b"), "(+ a b)")
        XCTAssertEqual(try Parser.parse("a\n-b").count, 2)
    }

    func testStatements() throws {
        let stmts = try Parser.parse("""
        let (a, b) = (1, 2); var c: [Int] = []
        func f(_ x: Int, to y: Int = 2) -> Int { x + y }
        for (i, x) in xs.enumerated() where i > 0 { }
        if let v = o, v > 1 { } else if c.isEmpty { } else { }
        while i < 3 { i += 1 }
        repeat { } while false
        guard let q = o else { return }
        """)
        let kinds = stmts.map { s -> String in
            switch s.kind {
            case .declaration(let isLet, _, let t, _): return isLet ? "let" : "var:\(t.map(\.description) ?? "")"
            case .function(let f):
                let params = f.params.map { ($0.label ?? "_") + " " + $0.name }.joined(separator: ",")
                return "func \(f.name)(\(params))->\(f.returnType?.description ?? "")"
            case .forIn(_, _, let filter, _): return "for\(filter == nil ? "" : " where")"
            case .if(let branches, let otherwise): return "if \(branches.count) \(otherwise == nil ? "" : "else")"
            case .while: return "while"
            case .repeatWhile: return "repeat"
            case .guard: return "guard"
            default: return "other"
            }
        }
        XCTAssertEqual(kinds,
                       ["let", "var:[Int]", "func f(_ x,to y)->Int", "for where", "if 2 else", "while", "repeat",
                        "guard"])
    }

    func testTypes() throws {
        let cases: [(String, String)] = [
            ("let x: [String: Double]", "[String: Double]"),
            ("let x: Int?", "Int?"),
            ("let x: (Int, String)", "(Int, String)"),
            ("let x: (Int) -> Double", "(Int) -> Double"),
            ("let x: Array<Int>", "[Int]"),
        ]
        for (source, expected) in cases {
            guard case .declaration(_, _, let t?, _) = try Parser.parse(source)[0].kind else {
                XCTFail(source); continue
            }
            XCTAssertEqual(t.description, expected)
        }
    }
}
