/// An array read from a NumPy `.npy` file (or a member of an `.npz`), C order.
public struct NumpyArray: Sendable {
    /// Element storage after reading: bytes stay bytes, floats become `Float`, integers `Int64`.
    public enum Values: Sendable {
        case uint8([UInt8])
        case float([Float])
        case integer([Int64])
    }

    /// Dimensions, e.g. `[60000, 28, 28]`.
    public let shape: [Int]
    /// The elements.
    public let values: Values
    /// NumPy's type string, e.g. `|u1`, `<f4`.
    public let descr: String

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// Parses `.npy` bytes. `path` and `member` are for error messages.
    ///
    /// Layout: `\x93NUMPY`, major and minor version bytes, header length (UInt16 LE in
    /// version 1, UInt32 LE in 2 and 3), a Python dict literal
    /// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, then the data.
    public init(npy bytes: [UInt8], path: String, member: String? = nil) throws {
        func fail(_ offset: Int, _ expected: String, _ found: String, _ hint: String = "") -> DatasetError {
            DatasetError(path: path, at: member.map { .member($0, byteOffset: offset) } ?? .byteOffset(offset),
                         expected: expected, found: found, hint: hint)
        }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail(0, "the NumPy magic \\x93NUMPY", bytes.isEmpty ? "no data" : String(format2: Array(bytes.prefix(6))))
        }
        let major = bytes[6]
        let headerLengthSize = major == 1 ? 2 : 4
        guard (1...3).contains(major), bytes.count >= 8 + headerLengthSize else {
            throw fail(6, "format version 1, 2 or 3", "version \(major)")
        }
        let headerLength = (0..<headerLengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let dataStart = 8 + headerLengthSize + headerLength
        guard dataStart <= bytes.count else {
            throw fail(8, "a header of \(headerLength) bytes", "only \(bytes.count - 8 - headerLengthSize) bytes left")
        }
        let header = String(decoding: bytes[(8 + headerLengthSize)..<dataStart], as: UTF8.self)
        let headerOffset = 8 + headerLengthSize
        guard let descr = NumpyArray.quotedValue(of: "descr", in: header) else {
            throw fail(headerOffset, "a 'descr' entry in the header", "'\(header.prefix(60))'")
        }
        if header.contains("'fortran_order': True") {
            throw fail(headerOffset, "C order ('fortran_order': False)", "Fortran order",
                       "Save the array with numpy.ascontiguousarray first")
        }
        guard let shape = NumpyArray.shapeValue(in: header) else {
            throw fail(headerOffset, "a 'shape' tuple of whole numbers in the header", "'\(header.prefix(80))'")
        }
        guard let type = NumpyElementType(descr: descr) else {
            throw fail(headerOffset, "a little-endian uint8, integer or float dtype", "dtype '\(descr)'",
                       "Convert with .astype(numpy.uint8) or .astype(numpy.float32)")
        }
        var product = (partialValue: type.size, overflow: false)
        for d in shape where !product.overflow { product = product.partialValue.multipliedReportingOverflow(by: d) }
        guard !product.overflow else { throw fail(headerOffset, "a plausible shape", "\(shape)") }
        let count = shape.reduce(1, *)
        let expectedBytes = product.partialValue
        guard bytes.count - dataStart == expectedBytes else {
            throw fail(dataStart, "\(expectedBytes) bytes of data for shape \(shape) of '\(descr)'",
                       "\(bytes.count - dataStart) bytes", "The file is truncated or its header is wrong")
        }
        self.shape = shape
        self.descr = descr
        self.values = bytes.withUnsafeBytes { type.decode($0.baseAddress! + dataStart, count: count) }
    }

    /// The string value of `'key': '...'` in a header dict.
    static func quotedValue(of key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)'") else { return nil }
        let rest = header[keyRange.upperBound...]
        guard let open = rest.firstIndex(where: { $0 == "'" || $0 == "\"" }) else { return nil }
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: rest[open]) else { return nil }
        return String(rest[afterOpen..<close])
    }

    /// The tuple of `'shape': (a, b, c)`; `()` is a scalar with shape `[]`.
    static func shapeValue(in header: String) -> [Int]? {
        guard let keyRange = header.range(of: "'shape'") else { return nil }
        let rest = header[keyRange.upperBound...]
        guard let open = rest.firstIndex(of: "("), let close = rest.firstIndex(of: ")"), open < close else { return nil }
        var dims: [Int] = []
        for part in rest[rest.index(after: open)..<close].split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: " ")
            if trimmed.isEmpty { continue }
            guard let value = Int(trimmed.hasSuffix("L") ? String(trimmed.dropLast()) : trimmed), value >= 0 else { return nil }
            dims.append(value)
        }
        return dims
    }
}

/// The element types the reader accepts.
enum NumpyElementType {
    case uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32, float64

    init?(descr: String) {
        guard let order = descr.first, "<|=".contains(order) else { return nil }
        switch descr.dropFirst() {
        case "u1", "b1": self = .uint8
        case "i1": self = .int8
        case "u2": self = .uint16
        case "i2": self = .int16
        case "u4": self = .uint32
        case "i4": self = .int32
        case "u8": self = .uint64
        case "i8": self = .int64
        case "f4": self = .float32
        case "f8": self = .float64
        default: return nil
        }
    }

    var size: Int {
        switch self {
        case .uint8, .int8: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64: return 8
        }
    }

    /// Little-endian elements at `base` (unaligned loads) into storage.
    func decode(_ base: UnsafeRawPointer, count: Int) -> NumpyArray.Values {
        func load<T: FixedWidthInteger>(_: T.Type) -> [Int64] {
            (0..<count).map { Int64(T(littleEndian: base.loadUnaligned(fromByteOffset: $0 * size, as: T.self))) }
        }
        switch self {
        case .uint8: return .uint8(Array(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)))
        case .int8: return .integer(load(Int8.self))
        case .uint16: return .integer(load(UInt16.self))
        case .int16: return .integer(load(Int16.self))
        case .uint32: return .integer(load(UInt32.self))
        case .int32: return .integer(load(Int32.self))
        case .uint64: return .integer((0..<count).map { Int64(truncatingIfNeeded: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) })
        case .int64: return .integer(load(Int64.self))
        case .float32:
            return .float((0..<count).map { Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) })
        case .float64:
            return .float((0..<count).map { Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))) })
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
