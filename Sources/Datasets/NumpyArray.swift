import RunLimits

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
    public init(npy bytes: [UInt8], path: String, member: String? = nil) throws {
        let fail = NumpyArray.failure(path: path, member: member)
        let header = try NumpyHeader(bytes, fail: fail)
        guard bytes.count - header.dataStart == header.dataBytes else {
            throw fail(header.dataStart,
                       "\(header.dataBytes) bytes of data for shape \(header.shape) of '\(header.descr)'",
                       "\(bytes.count - header.dataStart) bytes", "The file is truncated or its header is wrong")
        }
        try self.init(header: header, data: bytes, from: header.dataStart, path: path)
    }

    /// The array of `header` whose data starts at `start` in `data` (already checked to be long enough).
    init(header: NumpyHeader, data: [UInt8], from start: Int, path: String) throws {
        try RunBudget.shared.reserve(header.type.decodedSize(header.count), for: "the array in \(path)")
        shape = header.shape
        descr = header.descr
        values = data.withUnsafeBytes { header.type.decode($0.baseAddress! + start, count: header.count) }
    }

    /// Makes the errors of one file or member: `fail(offset, expected, found, hint)`.
    static func failure(path: String, member: String?) -> (Int, String, String, String) -> DatasetError {
        { offset, expected, found, hint in
            DatasetError(path: path, at: member.map { .member($0, byteOffset: offset) } ?? .byteOffset(offset),
                         expected: expected, found: found, hint: hint)
        }
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

    /// Bytes `count` elements take once read (bytes stay bytes, floats become Float, integers Int64).
    func decodedSize(_ count: Int) -> Int {
        switch self {
        case .uint8: return count
        case .float32, .float64: return ByteCount.product(count, 4)
        default: return ByteCount.product(count, 8)
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
        case .uint8: return .uint8(Array(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self),
                                                             count: count)))
        case .int8: return .integer(load(Int8.self))
        case .uint16: return .integer(load(UInt16.self))
        case .int16: return .integer(load(Int16.self))
        case .uint32: return .integer(load(UInt32.self))
        case .int32: return .integer(load(Int32.self))
        case .uint64:
            return .integer((0..<count).map {
                Int64(truncatingIfNeeded: UInt64(littleEndian:
                    base.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
            })
        case .int64: return .integer(load(Int64.self))
        case .float32:
            return .float((0..<count).map {
                Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            })
        case .float64:
            return .float((0..<count).map {
                Float(Double(bitPattern: UInt64(littleEndian:
                    base.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))))
            })
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
