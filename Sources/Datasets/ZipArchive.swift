import RunLimits

/// The members of a zip file (an `.npz` is a zip of `.npy` files), read from its central directory.
///
/// Supports stored (method 0) and deflated (method 8) members and the zip64 size fields that
/// `numpy.savez` writes. The central directory is trusted for sizes, so members written with
/// data descriptors (sizes after the data) work too.
struct ZipArchive {
    struct Entry {
        let name: String
        let method: UInt16
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    let path: String
    let bytes: [UInt8]
    let entries: [Entry]

    init(path: String) throws {
        let bytes = try FileByteSource(path: path).readToEnd()
        self.path = path
        self.bytes = bytes
        self.entries = try ZipArchive.readCentralDirectory(bytes, path: path)
    }

    /// The uncompressed contents of `entry`.
    func contents(of entry: Entry) throws -> [UInt8] {
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count, u32(local) == 0x0403_4b50 else {
            throw DatasetError(path: path, at: .byteOffset(local),
                               expected: "a local file header (PK\\3\\4) for '\(entry.name)'",
                               found: local + 4 <= bytes.count
                                   ? String(format2: Array(bytes[local..<local + 4])) : "the end of the file")
        }
        let dataStart = local + 30 + Int(u16(local + 26)) + Int(u16(local + 28))
        guard entry.compressedSize <= bytes.count - dataStart else {
            throw DatasetError(path: path, at: .byteOffset(dataStart),
                               expected: "\(entry.compressedSize) bytes of member '\(entry.name)'",
                               found: "\(max(0, bytes.count - dataStart)) bytes before the end of the file",
                               hint: "The archive is truncated")
        }
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw DatasetError(path: path, at: .byteOffset(local),
                                   expected: "equal sizes for stored member '\(entry.name)'",
                                   found: "\(entry.compressedSize) stored, \(entry.uncompressedSize) declared")
            }
            try RunBudget.shared.reserve(entry.compressedSize, for: "member '\(entry.name)' of \(path)")
            return Array(bytes[dataStart..<dataStart + entry.compressedSize])
        case 8:
            // Larger claims than deflate can expand to mean a damaged directory.
            guard entry.uncompressedSize <= ByteCount.product(entry.compressedSize, deflateMostExpansion) + 1024 else {
                throw DatasetError(path: path, at: .byteOffset(local),
                                   expected: "a plausible size for member '\(entry.name)'",
                                   found: "\(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed")
            }
            return try bytes.withUnsafeBytes { all in
                try inflateRawDeflate(
                    UnsafeRawBufferPointer(rebasing: all[dataStart..<dataStart + entry.compressedSize]),
                    expectedSize: entry.uncompressedSize, path: path, member: entry.name)
            }
        default:
            throw DatasetError(path: path, at: .byteOffset(local + 8),
                               expected: "a stored (0) or deflated (8) member '\(entry.name)'",
                               found: "compression method \(entry.method)",
                               hint: "Re-save with numpy.savez or savez_compressed")
        }
    }

    private func u16(_ at: Int) -> UInt16 { ZipArchive.u16(bytes, at) }
    private func u32(_ at: Int) -> UInt32 { ZipArchive.u32(bytes, at) }
    static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(b, at)) | UInt32(u16(b, at + 2)) << 16 }
    static func u64(_ b: [UInt8], _ at: Int) -> UInt64 { UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32 }
    /// A 64-bit size or offset as `Int`, capped at 2^48 so damaged values fail bounds checks instead of overflowing.
    static func size(_ value: UInt64) -> Int { Int(Swift.min(value, 1 << 48)) }

    /// Finds the end-of-central-directory record (searching back over a comment of up to 64 KB)
    /// and reads each central header.
    private static func readCentralDirectory(_ b: [UInt8], path: String) throws -> [Entry] {
        let lowest = max(0, b.count - 22 - 65_535)
        var end = b.count - 22
        while end >= lowest && !(end >= 0 && u32(b, end) == 0x0605_4b50) { end -= 1 }
        guard end >= lowest, end >= 0 else {
            throw DatasetError(path: path, at: .byteOffset(max(0, b.count - 22)),
                               expected: "a zip end-of-central-directory record (PK\\5\\6)",
                               found: b.count >= 2
                                   ? "none (the file starts \(String(format2: Array(b.prefix(4)))))"
                                   : "a \(b.count)-byte file",
                               hint: "This is not a zip/.npz file, or it is truncated")
        }
        var entryCount = Int(u16(b, end + 10))
        var directoryOffset = Int(u32(b, end + 16))
        // Zip64: the real values sit in the zip64 end record, found through its locator.
        if (entryCount == 0xFFFF || directoryOffset == 0xFFFF_FFFF), end >= 20, u32(b, end - 20) == 0x0706_4b50 {
            let record = size(u64(b, end - 12))
            if record + 56 <= b.count, u32(b, record) == 0x0606_4b50 {
                entryCount = size(u64(b, record + 32))
                directoryOffset = size(u64(b, record + 48))
            }
        }
        var entries: [Entry] = []
        var at = directoryOffset
        for index in 0..<entryCount {
            guard at >= 0, at + 46 <= b.count, u32(b, at) == 0x0201_4b50 else {
                throw DatasetError(path: path, at: .byteOffset(at),
                                   expected: "central directory header \(index + 1) of \(entryCount) (PK\\1\\2)",
                                   found: at + 4 <= b.count && at >= 0
                                       ? String(format2: Array(b[at..<at + 4])) : "the end of the file",
                                   hint: "The archive is damaged")
            }
            let nameLength = Int(u16(b, at + 28)), extraLength = Int(u16(b,
                                                                         at + 30)), commentLength = Int(u16(b, at + 32))
            guard at + 46 + nameLength + extraLength <= b.count else {
                throw DatasetError(path: path, at: .byteOffset(at), expected: "a complete central directory header",
                                   found: "the end of the file")
            }
            let name = String(decoding: b[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // uncompressed, compressed, offset
            var sizes = [Int(u32(b, at + 24)), Int(u32(b, at + 20)), Int(u32(b, at + 42))]
            readZip64Extra(b, from: at + 46 + nameLength, length: extraLength, into: &sizes)
            entries.append(Entry(name: name, method: u16(b, at + 10), compressedSize: sizes[1],
                                 uncompressedSize: sizes[0], localHeaderOffset: sizes[2]))
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Replaces 0xFFFFFFFF sizes/offset with the 64-bit values of the zip64 extra field (id 1).
    private static func readZip64Extra(_ b: [UInt8], from start: Int, length: Int, into values: inout [Int]) {
        var at = start
        while at + 4 <= start + length {
            let id = u16(b, at), size = Int(u16(b, at + 2))
            if id == 1 {
                var field = at + 4
                for slot in 0..<3
                    where values[slot] == 0xFFFF_FFFF && field + 8 <= at + 4 + size && field + 8 <= b.count {
                    values[slot] = ZipArchive.size(u64(b, field))
                    field += 8
                }
            }
            at += 4 + size
        }
    }
}
