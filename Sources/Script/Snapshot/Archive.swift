import Foundation

/// A compact binary form for the cache's snapshots: little-endian fixed-width numbers, counted
/// strings and arrays. Nothing in it is self-describing beyond what the reader expects; the cache
/// checks each file's hash before reading, so a reader only meets bytes a writer wrote.
public struct ArchiveWriter {
    public private(set) var data = Data()

    public init() {}

    public mutating func byte(_ value: UInt8) { data.append(value) }
    public mutating func int(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }
    public mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
    public mutating func double(_ value: Double) { uint64(value.bitPattern) }
    public mutating func bool(_ value: Bool) { byte(value ? 1 : 0) }
    public mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        int(utf8.count)
        data.append(contentsOf: utf8)
    }
    public mutating func strings(_ values: [String]) { int(values.count); values.forEach { string($0) } }
    public mutating func ints(_ values: [Int]) { int(values.count); values.forEach { int($0) } }
    public mutating func optionalString(_ value: String?) { bool(value != nil); value.map { string($0) } }
    public mutating func optionalDouble(_ value: Double?) { bool(value != nil); value.map { double($0) } }
    /// The raw bytes of a buffer of plain values (floats, small integers), counted in elements.
    public mutating func plain<T: BitwiseCopyable>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

/// Reads what an ``ArchiveWriter`` wrote, in the same order; a short or inconsistent archive is an
/// error, never a crash.
public struct ArchiveReader {
    private let data: Data
    private var offset: Int

    public init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    public var isAtEnd: Bool { offset == data.endIndex }

    private mutating func take(_ count: Int) throws -> Data {
        guard count >= 0, data.endIndex - offset >= count else { throw ArchiveError.truncated }
        defer { offset += count }
        return data[offset..<(offset + count)]
    }

    public mutating func byte() throws -> UInt8 { try take(1).first! }
    public mutating func uint64() throws -> UInt64 {
        let bytes = try take(8)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
    public mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }
    public mutating func double() throws -> Double { Double(bitPattern: try uint64()) }
    public mutating func bool() throws -> Bool { try byte() != 0 }
    public mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= data.endIndex - offset else { throw ArchiveError.truncated }
        return n
    }
    public mutating func string() throws -> String { String(decoding: try take(try count()), as: UTF8.self) }
    public mutating func strings() throws -> [String] { try (0..<count()).map { _ in try string() } }
    public mutating func ints() throws -> [Int] { try (0..<count()).map { _ in try int() } }
    public mutating func optionalString() throws -> String? { try bool() ? try string() : nil }
    public mutating func optionalDouble() throws -> Double? { try bool() ? try double() : nil }
    public mutating func plain<T: BitwiseCopyable>(_: T.Type) throws -> [T] {
        let n = try int()
        let (bytes, overflow) = n.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard n >= 0, !overflow else { throw ArchiveError.truncated }
        let raw = try take(bytes)
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            raw.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = n
        }
    }
}

/// A snapshot that cannot be read back: the cache treats the entry as missing and reruns the cell.
public enum ArchiveError: Error, CustomStringConvertible {
    case truncated
    case unknownTag(UInt8, String)
    case unknown(String)

    public var description: String {
        switch self {
        case .truncated: return "the snapshot ends early"
        case .unknownTag(let tag, let place): return "unknown tag \(tag) in \(place)"
        case .unknown(let what): return what
        }
    }
}
