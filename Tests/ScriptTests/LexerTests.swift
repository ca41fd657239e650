import XCTest
@testable import Script

final class LexerTests: XCTestCase {
    func tokens(_ s: String) throws -> [Token] {
        var lexer = Lexer(s)
        return try lexer.tokenize()
    }

    func testKindsAndTexts() throws {
        let cases: [(String, [String])] = [
            ("let x = 1", ["let", "x", "=", "1"]),
            ("a..<b a...b", ["a", "..<", "b", "a", "...", "b"]),
            ("x += 1_000", ["x", "+=", "1000"]),
            ("f(_ n: Int) -> Double", ["f", "(", "_", "n", ":", "Int", ")", "->", "Double"]),
            ("a ?? b != c", ["a", "??", "b", "!=", "c"]),
            ("$0 + $1", ["$0", "+", "$1"]),
            ("x // comment\ny /* block /* nested */ */ z", ["x", "y", "z"]),
        ]
        for (source, expected) in cases {
            let texts = try tokens(source).filter { $0.kind != .eof }.map(\.text)
            XCTAssertEqual(texts, expected, source)
        }
    }

    func testNumbers() throws {
        let t = try tokens("42 3.5 1e-3 0x1F 2.5e2")
        XCTAssertEqual(t[0].kind, .int); XCTAssertEqual(t[0].intValue, 42)
        XCTAssertEqual(t[1].kind, .double); XCTAssertEqual(t[1].doubleValue, 3.5)
        XCTAssertEqual(t[2].doubleValue, 0.001)
        XCTAssertEqual(t[3].intValue, 31)
        XCTAssertEqual(t[4].doubleValue, 250)
    }

    func testPositionsAndNewlines() throws {
        let t = try tokens("let a = 1\n  b")
        XCTAssertEqual(t[3].span, Span(line: 1, column: 9, length: 1))
        XCTAssertEqual(t[4].span, Span(line: 2, column: 3, length: 1))
        XCTAssertTrue(t[4].newlineBefore)
        XCTAssertFalse(t[3].newlineBefore)
    }

    func testFirstLineOffsetsSpans() throws {
        var lexer = Lexer("a\nb", firstLine: 40)
        let t = try lexer.tokenize()
        XCTAssertEqual(t[1].span.line, 41)
    }

    func testStringEscapesAndInterpolation() throws {
        let t = try tokens(#""a\tb\n\"q\" \\ \u{1F600} \(x + 1)!""#)
        XCTAssertEqual(t[0].kind, .string)
        guard case .text(let text) = t[0].parts[0], case .code(let code) = t[0].parts[1],
              case .text(let tail) = t[0].parts[2] else {
            return XCTFail("parts: \(t[0].parts)")
        }
        XCTAssertEqual(text, "a\tb\n\"q\" \\ 😀 ")
        XCTAssertEqual(code.filter { $0.kind != .eof }.map(\.text), ["x", "+", "1"])
        XCTAssertEqual(tail, "!")
    }

    func testMultilineString() throws {
        let t = try tokens("let s = \"\"\"\n    one\n      two\n    \"\"\"")
        guard case .text(let text) = t[3].parts[0] else { return XCTFail() }
        XCTAssertEqual(text, "one\n  two")
    }

    /// As in Swift: the closing delimiter's indentation leaves every source line first, then a
    /// trailing `\` joins lines; `\n` escapes are not source lines, so text after them keeps its blanks.
    func testMultilineContinuationStripsIndentationFirst() throws {
        assertOutput("let a = 1\nlet s = \"\"\"\n    **\\(a)** b \\\n    c\n      d\\\n    \"\"\"\nprint(s)",
                     "**1** b c\n  d\n")
        assertOutput("let s = \"\"\"\n    x \\  \n    y\\n  z\n    \"\"\"\nprint(s)", "x y\n  z\n")
        assertOutput("let s = \"\"\"\n    one\n\n    two\n    \"\"\"\nprint(s)", "one\n\ntwo\n")
    }

    func testErrors() {
        let cases: [(String, String)] = [
            ("\"abc", "unterminated string literal"),
            ("/* open", "unterminated '/*' comment"),
            ("a ` b", "unexpected character '`' in source"),
            ("\"\\q\"", "invalid escape sequence in literal"),
            ("99999999999999999999", "integer literal '99999999999999999999' overflows when stored into 'Int'"),
        ]
        for (source, message) in cases {
            XCTAssertThrowsError(try tokens(source), source) { e in
                XCTAssertEqual((e as? ScriptError)?.message, message)
            }
        }
    }
}
