import Glibc

/// One cell of a text file: a byte range of the file's contents.
struct TextCell {
    let start: Int
    let end: Int
}

/// The result of reading one numeric cell.
enum ParsedNumber {
    /// An integer in 0...255, storable as a byte.
    case byte(UInt8)
    /// Any other finite number.
    case other(Float)
}

/// Number parsing over raw file bytes, with errors that quote the cell and name the line.
struct TextNumberParser {
    let path: String
    let text: [UInt8]

    /// The cell's text, for error messages.
    func string(_ cell: TextCell) -> String {
        String(decoding: text[cell.start..<cell.end], as: UTF8.self)
    }

    /// Parses a cell as a number; `what` describes it ("pixel 12", "the label").
    func number(_ cell: TextCell, line: Int, what: String) throws -> ParsedNumber {
        var start = cell.start, end = cell.end
        if end - start >= 2 && text[start] == UInt8(ascii: "\"") && text[end - 1] == UInt8(ascii: "\"") {
            start += 1; end -= 1
        }
        if start == end {
            throw DatasetError(path: path, at: .line(line), expected: "a number for \(what)",
                               found: "an empty cell (a missing value)")
        }
        // Fast path: a plain unsigned integer such as a pixel "0"..."255".
        var value = 0
        var index = start
        while index < end, index - start < 4, text[index] >= 48, text[index] <= 57 {
            value = value * 10 + Int(text[index] - 48)
            index += 1
        }
        if index == end && value <= 255 { return .byte(UInt8(value)) }
        let parsed = try slowNumber(start: start, end: end, line: line, what: what)
        return .other(parsed)
    }

    private func slowNumber(start: Int, end: Int, line: Int, what: String) throws -> Float {
        let cellText = String(decoding: text[start..<end], as: UTF8.self)
        guard let value = Float(cellText) else {
            throw DatasetError(path: path, at: .line(line), expected: "a number for \(what)",
                               found: "'\(cellText)'")
        }
        guard value.isFinite else {
            throw DatasetError(path: path, at: .line(line), expected: "a finite number for \(what)",
                               found: "'\(cellText)'")
        }
        return value
    }

    /// Parses a class label: a whole number, at least 0, below `classCount` when one is declared.
    func label(_ cell: TextCell, line: Int, classCount: Int?) throws -> Int32 {
        let value: Float
        switch try number(cell, line: line, what: "the label") {
        case .byte(let b): value = Float(b)
        case .other(let f): value = f
        }
        guard value >= 0, value == value.rounded(), value < Float(Int32.max) else {
            throw DatasetError(path: path, at: .line(line), expected: "a whole-number class label ≥ 0",
                               found: "'\(string(cell))'")
        }
        if classCount == nil, Int(value) >= ClassLimit.maximum {
            throw ClassLimit.tooLarge("\(Int(value))", path: path, at: .line(line))
        }
        if let classCount, Int(value) >= classCount {
            throw DatasetError(path: path, at: .line(line), expected: "a label in 0...\(classCount - 1)",
                               found: "\(Int(value))", hint: "Fix the row or declare more classes")
        }
        return Int32(value)
    }
}

/// Collects pixel values as bytes while they all are 0...255 integers, switching to floats
/// (converting what it has) at the first value that is not.
struct PixelAccumulator {
    private(set) var bytes: [UInt8] = []
    private(set) var floats: [Float]? = nil

    mutating func append(_ number: ParsedNumber) {
        switch (number, floats != nil) {
        case (.byte(let b), false): bytes.append(b)
        case (.byte(let b), true): floats!.append(Float(b))
        case (.other(let f), false):
            floats = bytes.map(Float.init)
            floats!.append(f)
            bytes = []
        case (.other(let f), true): floats!.append(f)
        }
    }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    /// The value appended `index`-th.
    func value(at index: Int) -> Float { floats?[index] ?? Float(bytes[index]) }

    /// The collected values in their final storage.
    var pixels: ImageStore.Pixels { floats.map { .floats($0) } ?? .bytes(bytes) }
}

/// Splits file contents into non-blank lines (1-based numbers kept), handling `\n` and `\r\n`.
func nonBlankLines(_ text: [UInt8]) -> [(number: Int, start: Int, end: Int)] {
    var lines: [(Int, Int, Int)] = []
    var lineStart = 0, number = 1
    for i in 0...text.count where i == text.count || text[i] == 10 {
        var end = i
        if end > lineStart && text[end - 1] == 13 { end -= 1 }
        var hasContent = false
        for j in lineStart..<end where text[j] != 32 && text[j] != 9 { hasContent = true; break }
        if hasContent { lines.append((number, lineStart, end)) }
        lineStart = i + 1
        number += 1
    }
    return lines
}

/// Splits a line into cells at `separator`, trimming spaces around each cell.
func splitCells(_ text: [UInt8], start: Int, end: Int, separator: UInt8) -> [TextCell] {
    var cells: [TextCell] = []
    var cellStart = start
    for i in start...end where i == end || text[i] == separator {
        var a = cellStart, b = i
        while a < b && (text[a] == 32 || text[a] == 9) { a += 1 }
        while b > a && (text[b - 1] == 32 || text[b - 1] == 9) { b -= 1 }
        cells.append(TextCell(start: a, end: b))
        cellStart = i + 1
    }
    return cells
}

/// The image shape for `pixelCount` values: `given` if its size matches, else a square `[s, s, 1]`.
func imageShape(pixelCount: Int, given: [Int]?, path: String, location: FileLocation) throws -> [Int] {
    if let given {
        let shape = given.count == 2 ? given + [1] : given
        guard shape.count == 3, shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == pixelCount else {
            throw DatasetError(path: path, at: location,
                               expected: "\(given.map(String.init).joined(separator: "×")) = "
                                   + "\(given.reduce(1, *)) pixel values per image",
                               found: "\(pixelCount)")
        }
        return shape
    }
    let side = Int(Double(pixelCount).squareRoot().rounded())
    guard side > 0, side * side == pixelCount else {
        throw DatasetError(path: path, at: location, expected: "a square number of pixel values per image",
                           found: "\(pixelCount)", hint: "Pass the image shape, e.g. shape: [height, width]")
    }
    return [side, side, 1]
}
