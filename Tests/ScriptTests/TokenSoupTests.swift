import Randomness
import XCTest
@testable import Script

/// Seeded random token soups (a small generator of our own: the suite runs with Swift Testing
/// disabled): the lexer and parser never crash, and `check` finds no error exactly when `parse`
/// succeeds.
final class TokenSoupTests: XCTestCase {
    static let pieces = [
        "let", "var", "x", "y", "f", "func", "(", ")", "{", "}", "[", "]", ",", ":", ";", "=", "+", "-",
        "*", "!", "?", "??", ".", "..<", "1", "2.5", "\"s\\(x)\"", "if", "else", "for", "in", "while",
        "return", "$0", "->", "Int", "\n", " ", "true", "nil", "&&", "==", "<",
    ]

    func testCheckAgreesWithParseOnTokenSoups() {
        var rng = SplitMix64(seed: 10)
        for _ in 0..<5_000 {
            let count = Int.random(in: 1...16, using: &rng)
            let source = (0..<count).map { _ in Self.pieces.randomElement(using: &rng)! }.joined(separator: " ")
            let parses = (try? Parser.parse(source)) != nil
            let checks = Parser.check(source).isEmpty
            XCTAssertEqual(parses, checks, "parse and check disagree on:\n\(source)")
        }
    }

    func testRandomBytesNeverCrashTheLexerOrParser() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                UInt8.random(in: 0...127, using: &rng)
            }
            let source = String(decoding: bytes, as: UTF8.self)
            _ = try? Parser.parse(source)
            _ = Parser.check(source)
        }
    }
}
