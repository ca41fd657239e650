import CZlib

/// The zlib calls the PNG encoder needs: deflate (compress2) and CRC-32.
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

    /// CRC-32 of `bytes` (the checksum PNG chunks carry), continuing from `initial`.
    static func crc(_ bytes: [UInt8], initial: UInt = 0) -> UInt32 {
        let value = bytes.withUnsafeBufferPointer { crc32(uLong(initial), $0.baseAddress, uInt($0.count)) }
        return UInt32(truncatingIfNeeded: value)
    }
}
