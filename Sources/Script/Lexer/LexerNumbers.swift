extension Lexer {
    /// An Int or Double literal: decimal with `_` separators, a fraction, an exponent, or `0x`/`0b`.
    mutating func lexNumber(_ start: Span) throws -> Token {
        var digits = ""
        var isDouble = false
        if peek() == UInt8(ascii: "0") && (peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "b")) {
            let radix = peek(1) == UInt8(ascii: "x") ? 16 : 2
            advance(); advance()
            while pos < bytes.count && (isIdentPart(peek())) {
                if peek() != UInt8(ascii: "_") { digits.append(Character(UnicodeScalar(peek()))) }
                advance()
            }
            guard let v = Int(digits, radix: radix) else {
                throw ScriptError("'\(digits)' is not a valid base-\(radix) integer literal", at: spanFrom(start))
            }
            var t = Token(kind: .int, text: digits, span: spanFrom(start))
            t.intValue = v
            return t
        }
        func takeDigits() {
            while pos < bytes.count && (isDigit(peek()) || peek() == UInt8(ascii: "_")) {
                if peek() != UInt8(ascii: "_") { digits.append(Character(UnicodeScalar(peek()))) }
                advance()
            }
        }
        takeDigits()
        if peek() == UInt8(ascii: ".") && isDigit(peek(1)) {
            isDouble = true
            digits.append("."); advance()
            takeDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "-") || peek(1) == UInt8(ascii: "+")
            if isDigit(peek(sign ? 2 : 1)) {
                isDouble = true
                digits.append("e"); advance()
                if sign { digits.append(Character(UnicodeScalar(peek()))); advance() }
                takeDigits()
            }
        }
        if pos < bytes.count && isIdentStart(peek()) {
            throw ScriptError("'\(Character(UnicodeScalar(peek())))' is not a valid digit in a number literal",
                              at: here)
        }
        var t = Token(kind: isDouble ? .double : .int, text: digits, span: spanFrom(start))
        if isDouble {
            t.doubleValue = Double(digits) ?? .nan
        } else {
            guard let v = Int(digits) else {
                throw ScriptError("integer literal '\(digits)' overflows when stored into 'Int'", at: t.span)
            }
            t.intValue = v
        }
        return t
    }
}
