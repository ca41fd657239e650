import CZlib
import RunLimits

/// Deflate cannot expand data more than about 1032 times (a 258-byte match per 2 bits), so the
/// compressed size bounds what a gzip or zip member can hold.
let deflateMostExpansion = 1032

/// Streams the decompressed contents of a gzip file (one or more members) through zlib.
///
/// Errors name the offset in the *compressed* file: a truncated download ends before
/// zlib sees the end of the deflate stream, corrupted bytes make zlib report a data error.
final class GzipByteSource: ByteSource {
    var path: String { compressed.path }
    private(set) var offset = 0
    private let compressed: FileByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8]
    private var inputEnded = false
    private var finished = false
    private var initialised = false

    init(compressed: FileByteSource, chunkSize: Int = 1 << 18) {
        self.compressed = compressed
        self.input = [UInt8](repeating: 0, count: chunkSize)
        self.stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    var mostRemaining: Int {
        // Slack for zlib's pending output and the tail of a member already read into `input`.
        let slack = 1 << 16
        return Swift.min(ByteCount.product(Swift.max(0, compressed.size - compressedOffset), deflateMostExpansion),
                         Int.max - slack) + slack
    }
    var remainingDescription: String {
        "\(ByteCount.format(mostRemaining)), the most the \(compressed.size - compressedOffset) compressed bytes "
            + "left in the \(compressed.size)-byte gzip file can expand to"
    }

    /// Offset in the compressed file of the next byte zlib will consume.
    private var compressedOffset: Int { compressed.offset - Int(stream.pointee.avail_in) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if !initialised {
            // 16 + 15: a 32 KB window with gzip header and trailer (CRC, length) checked by zlib.
            guard inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(),
                                Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw DatasetError(path: path, expected: "zlib to start", found: "an initialisation failure")
            }
            initialised = true
        }
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                if try !startNextMember() { finished = true; return deliver(buffer.count) }
            case Z_BUF_ERROR where inputEnded && stream.pointee.avail_in == 0:
                throw DatasetError(path: path, at: .byteOffset(compressedOffset),
                                   expected: "the rest of the gzip stream",
                                   found: "the end of the file (truncated after "
                                       + "\(offset + buffer.count - Int(stream.pointee.avail_out)) decompressed bytes)",
                                   hint: "The download is incomplete; fetch the file again")
            case Z_BUF_ERROR:
                continue
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "code \(status)"
                throw DatasetError(path: path, at: .byteOffset(compressedOffset),
                                   expected: "valid gzip data", found: "corrupt data (\(reason))",
                                   hint: "The file is damaged; fetch it again")
            }
        }
        return deliver(buffer.count)
    }

    private func deliver(_ requested: Int) -> Int {
        let produced = requested - Int(stream.pointee.avail_out)
        offset += produced
        return produced
    }

    private func refill() throws {
        let n = try input.withUnsafeMutableBytes { try compressed.read(into: $0) }
        if n == 0 { inputEnded = true }
        input.withUnsafeMutableBufferPointer { stream.pointee.next_in = $0.baseAddress }
        stream.pointee.avail_in = UInt32(n)
    }

    /// After one gzip member ends, continues with the next (as `gzip -d` does) when the
    /// following bytes are another gzip header; anything else ends the data.
    private func startNextMember() throws -> Bool {
        if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
        guard stream.pointee.avail_in >= 2,
              stream.pointee.next_in[0] == 0x1f, stream.pointee.next_in[1] == 0x8b else { return false }
        inflateReset(stream)
        return true
    }
}

/// Inflates a raw deflate stream (a zip member) whose decompressed size is known.
func inflateRawDeflate(_ data: UnsafeRawBufferPointer, expectedSize: Int, path: String,
                       member: String) throws -> [UInt8] {
    try RunBudget.shared.reserve(expectedSize, for: "member '\(member)' of \(path)")
    var output = [UInt8](repeating: 0, count: expectedSize)
    var stream = z_stream()
    // -15: raw deflate, no zlib or gzip wrapper (zip stores bare deflate data).
    guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw DatasetError(path: path, expected: "zlib to start", found: "an initialisation failure")
    }
    defer { inflateEnd(&stream) }
    let status: Int32 = output.withUnsafeMutableBytes { out in
        stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = UInt32(data.count)
        stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(expectedSize)
        return inflate(&stream, Z_FINISH)
    }
    let produced = Int(stream.total_out)
    if status != Z_STREAM_END || produced != expectedSize {
        let reason = status == Z_STREAM_END ? "\(produced) bytes"
            : (stream.msg.map { String(cString: $0) } ?? "a deflate stream that ends early after \(produced) bytes")
        throw DatasetError(path: path, at: .member(member, byteOffset: Int(stream.total_in)),
                           expected: "\(expectedSize) bytes of deflate data", found: reason,
                           hint: "The archive is damaged or truncated")
    }
    return output
}
