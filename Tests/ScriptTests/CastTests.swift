import XCTest
@testable import Script

/// `as?`, `as!` and `as`, over the types `TypeCheck` knows.
final class CastTests: XCTestCase {
    func testConditionalCastGivesTheValueOrNil() {
        assertOutput("""
        let a: Any = 3
        print(a as? Int, a as? Double, a as? String, (a as? String) ?? "none")
        let xs: [Any] = [1, "a", 2.5, [1, 2], ["k": 1]]
        for x in xs {
            if let i = x as? Int { print("Int", i) }
            else if let s = x as? String { print("String", s) }
            else if let d = x as? Double { print("Double", d) }
            else if let ys = x as? [Int] { print("[Int]", ys.count) }
            else if let d = x as? [String: Int] { print("dict", d["k"]!) }
        }
        print(xs as? [Int], [1, 2] as? [Int], [1, 2] as? [Int]?, nil as? Int, 1 as? Int ?? 0 + 1)
        """, "3 nil nil none\nInt 1\nString a\nDouble 2.5\n[Int] 2\ndict 1\nnil [1, 2] [1, 2] nil 1\n")
    }

    func testAConditionalCastChecksEveryElement() {
        assertOutput("let xs: [Any] = [1, \"a\", 2]\nprint(xs as? [Int], xs as? [Any])", "nil [1, \"a\", 2]\n")
    }

    func testForcedCastFailsAtItsLineNamingBothTypes() {
        assertOutput("let a: Any = 2.5\nprint(a as! Double + 1)", "3.5\n")
        assertError("let a: Any = \"x\"\n\nlet n = a as! Int", line: 3, column: 11,
                    "could not cast value of type 'String' to 'Int'")
        assertError("let xs = [1.5]\nlet ys = xs as! [Int]", line: 2, column: 13,
                    "could not cast value of type '[Double]' to '[Int]'")
    }

    func testCoercionTypesLiteralsOnly() {
        assertOutput("let d = 3 as Double\nprint(d / 2, [1, 2] as [Double], 2 as Int)", "1.5 [1.0, 2.0] 2\n")
        assertError("let i = 3\nprint(i as Double)", line: 2, column: 9,
                    "cannot convert value of type 'Int' to type 'Double' in coercion")
    }

    func testUnknownTypeInACastIsAnError() {
        assertError("let a = 1\nprint(a as? Intt)", line: 2, column: 9,
                    "cannot find type 'Intt' in scope; did you mean 'Int'?")
    }
}
