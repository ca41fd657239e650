import XCTest
@testable import Script

/// `switch`: which case runs, how control leaves it, and every error it reports (message and place).
final class SwitchTests: XCTestCase {
    func testCasesAndControlFlow() {
        let cases: [(String, String)] = [
            ("for i in 0..<3 { switch i { case 1: break; default: print(i) } }", "0\n2\n"),
            ("for i in 0..<4 { switch i { case 1, 2: continue; default: break }; print(i) }", "0\n3\n"),
            ("func f(_ n: Int) -> String {\n  switch n {\n  case 0: return \"zero\"\n"
             + "  default: return \"some\"\n  }\n}\nprint(f(0), f(3))", "zero some\n"),
            ("var fs: [() -> Int] = []\nfor i in 0..<2 { switch i { case let n: fs.append({ n * 10 }) } }\n"
             + "print(fs.map { $0() })", "[0, 10]\n"),
            ("switch 2.0 { case 2: print(\"two\"); default: print(\"other\") }", "two\n"),
            ("let o: Int? = nil\nswitch o { case nil: print(\"none\"); default: print(\"some\") }", "none\n"),
            ("switch 3 { case var x: x += 1; print(x) }", "4\n"),
            ("switch 4 { case let x where x < 0, let x where x > 3: print(\"out\", x); default: print(\"in\") }",
             "out 4\n"),
            ("let r = 1..<4\nswitch 2 { case r: print(\"in\"); default: print(\"out\") }", "in\n"),
            ("switch (1, (2, \"b\")) { case (1, (_, \"a\")): print(\"a\"); case (1, (let n, \"b\")): print(n); "
             + "default: break }", "2\n"),
            ("switch 1 {\ncase 1:\n  print(\"one\")\n  fallthrough\ncase 2:\n  print(\"two\")\n  fallthrough\n"
             + "default:\n  print(\"any\")\n}", "one\ntwo\nany\n"),
            ("let c = \"e\"\nswitch c {\ncase \"a\", \"e\", \"i\", \"o\", \"u\": print(\"vowel\")\n"
             + "default: print(\"consonant\")\n}", "vowel\n"),
            ("print([1, 2, 3].map { n -> String in switch n { case 1: return \"a\"; default: return \"b\" } })",
             "[\"a\", \"b\", \"b\"]\n"),
            ("for i in 0..<3 {\n  switch i {\n  case 1:\n    switch i * 2 { case 2: break; default: print(\"no\") }\n"
             + "    print(\"after inner\")\n  default: print(i)\n  }\n}", "0\nafter inner\n2\n"),
            ("switch -5 { case ...(-1): print(\"negative\"); case 0: print(\"zero\"); default: print(\"positive\") }",
             "negative\n"),
        ]
        for (source, expected) in cases { assertOutput(source, expected) }
    }

    /// Reports colour the contextual keywords, and `.a` after `case` as an implicit member.
    func testHighlighting() {
        let source = "switch x { case .a: fallthrough; default: break }"
        let kinds = Highlight.all(in: source).map { h -> String in
            let bytes = Array(source.utf8)[h.bytes]
            return "\(String(decoding: bytes, as: UTF8.self)):\(h.kind)"
        }
        XCTAssertEqual(kinds, ["switch:keyword", "case:keyword", "a:implicitMember", "fallthrough:keyword",
                               "default:keyword", "break:keyword"])
    }

    func testErrors() {
        let cases: [(String, Int, Int, String)] = [
            ("let k = 7\nswitch k {\ncase 1: print(1)\n}", 2, 1, "no case matched 7; add a default:"),
            ("switch \"z\" { case \"a\": break }", 1, 1, "no case matched \"z\"; add a default:"),
            ("switch 3 { case \"a\": break; default: break }", 1, 17,
             "expression pattern of type 'String' cannot match values of type 'Int'"),
            ("switch \"a\" { case 1..<5: break; default: break }", 1, 20,
             "expression pattern of type 'Range<Int>' cannot match values of type 'String'"),
            ("switch 5 { case (1, _): break; default: break }", 1, 17,
             "tuple pattern cannot match values of non-tuple type 'Int'"),
            ("switch (1, 2) { case (let a, 0), (0, let b): break; default: break }", 1, 17,
             "'a' must be bound in every pattern"),
            ("switch 1 { case let x where x: break; default: break }", 1, 29,
             "cannot convert value of type 'Int' to expected condition type 'Bool'"),
            ("fallthrough", 1, 1, "'fallthrough' is only allowed inside a switch"),
            ("switch 1 {\ncase 1: fallthrough\n}", 2, 9, "'fallthrough' without a following 'case' or 'default' block"),
            ("switch 1 {\ncase 1: fallthrough\ncase let x: print(x)\n}", 2, 9,
             "'fallthrough' cannot transfer control to a case label that declares variables"),
            ("switch 1 {\ncase 1:\n  for _ in 0..<1 { fallthrough }\ndefault: break\n}", 3, 20,
             "'fallthrough' is only allowed inside a switch"),
            ("switch 1 {\ncase 1:\ndefault: break\n}", 2, 1,
             "'case' label in a 'switch' must have at least one executable statement; write 'break' to do nothing"),
            ("switch 1 {\ndefault: break\ncase 1: break\n}", 3, 1,
             "additional 'case' blocks cannot appear after the 'default' block of a 'switch'"),
            ("case 1: print(1)", 1, 1, "'case' label can only appear inside a 'switch' statement"),
            ("default: print(1)", 1, 1, "'default' label can only appear inside a 'switch' statement"),
            ("switch 1 {\nprint(1)\n}", 2, 1,
             "all statements inside a switch must be covered by a 'case' or 'default'"),
            ("switch 1 { }", 1, 1,
             "'switch' statement body must have at least one 'case' or 'default' block; add a default case"),
            ("switch 1 { case 1 print(1) }", 1, 19, "expected ':' after 'case' label, found 'print'"),
            ("switch 1 {\ncase 1: break\n", 3, 1, "expected '}' at end of 'switch' statement (the '{' is at line 1)"),
        ]
        for (source, line, column, message) in cases { assertError(source, line: line, column: column, message) }
    }
}
