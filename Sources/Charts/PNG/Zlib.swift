import CZlib

/// The zlib calls PNG needs: deflate (compress2), inflate (uncompress) and CRC-32.
enum Zlib {
    /// zlib-format deflate of `bytes` at the best compression level.
    static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &capacity, src.baseAddress, uLong(src.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { throw ChartError("PNG encoder", "zlib compress2 failed with status \(status)") }
        out.removeLast(out.count - Int(capacity))
        return out
    }

    /// Inflates a zlib stream whose decompressed size is known to be `expectedSize` bytes.
    static func inflate(_ bytes: [UInt8], expectedSize: Int) throws -> [UInt8] {
        var length = uLongf(expectedSize)
        var out = [UInt8](repeating: 0, count: max(1, expectedSize))
        let status = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in
                uncompress(dst.baseAddress, &length, src.baseAddress, uLong(src.count))
            }
        }
        guard status == Z_OK else {
            let reason = status == Z_DATA_ERROR ? "the compressed data is corrupt"
                : status == Z_BUF_ERROR ? "it holds more than the \(expectedSize) bytes the header promises" : "zlib status \(status)"
            throw ChartError("PNG decoder", "cannot inflate the image data: \(reason)")
        }
        guard Int(length) == expectedSize else {
            throw ChartError("PNG decoder", "the image data inflates to \(length) bytes, but the header promises \(expectedSize)")
        }
        return out
    }

    /// CRC-32 of `bytes` (the checksum PNG chunks carry), continuing from `initial`.
    static func crc(_ bytes: [UInt8], initial: UInt = 0) -> UInt32 {
        let value = bytes.withUnsafeBufferPointer { crc32(uLong(initial), $0.baseAddress, uInt($0.count)) }
        return UInt32(truncatingIfNeeded: value)
    }
}
