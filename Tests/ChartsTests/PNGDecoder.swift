import CZlib
@testable import Charts

/// Reads 8-bit, non-interlaced PNG files (the kind `PNGEncoder` writes), checking the
/// signature and every chunk's CRC, so the tests can check the encoder's output by decoding it.
/// It lives with the tests because nothing in Folio reads PNG files.
enum PNGDecoder {
    /// Decodes `bytes` into a raster image.
    /// - Throws: `ChartError` naming the byte offset and what was expected for any malformed file.
    static func decode(_ bytes: [UInt8]) throws -> RasterImage {
        guard bytes.count >= 8, Array(bytes[0..<8]) == PNGEncoder.signature else {
            throw ChartError("PNG decoder", "byte 0: not a PNG file (the 8-byte PNG signature is missing)")
        }
        var offset = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        var sawHeader = false, sawEnd = false
        while offset < bytes.count && !sawEnd {
            guard offset + 12 <= bytes.count else {
                throw ChartError("PNG decoder", "byte \(offset): truncated chunk header; the file is cut short")
            }
            let length = Int(readUInt32(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= bytes.count - offset - 12 else {
                throw ChartError("PNG decoder",
                                 "byte \(offset): chunk '\(type)' claims \(length) bytes but the file ends first")
            }
            let data = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            let stored = readUInt32(bytes, offset + 8 + length)
            let computed = Zlib.crc(Array(bytes[(offset + 4)..<(offset + 8)]) + data)
            guard stored == computed else {
                throw ChartError("PNG decoder", "byte \(offset): chunk '\(type)' has CRC \(hex(stored)) but its "
                                 + "contents give \(hex(computed)); the file is corrupt")
            }
            switch type {
            case "IHDR":
                guard length == 13 else {
                    throw ChartError("PNG decoder", "byte \(offset): IHDR must be 13 bytes, found \(length)")
                }
                width = Int(readUInt32(data, 0)); height = Int(readUInt32(data, 4))
                guard data[8] == 8, let c = PNGEncoder.colorTypes.first(where: { $0.value == data[9] })?.key else {
                    throw ChartError("PNG decoder", "byte \(offset + 16): only 8-bit grey/RGB/RGBA images are "
                                     + "supported (bit depth \(data[8]), colour type \(data[9]))")
                }
                guard data[12] == 0 else {
                    throw ChartError("PNG decoder", "byte \(offset + 20): interlaced PNGs are not supported")
                }
                guard width > 0, height > 0, width <= 1 << 15, height <= 1 << 15 else {
                    throw ChartError("PNG decoder", "byte \(offset + 8): image size \(width)×\(height) "
                                     + "is outside 1…32768")
                }
                channels = c
                sawHeader = true
            case "IDAT": compressed += data
            case "IEND": sawEnd = true
            default: break // ancillary chunks (gamma, text, …) are ignored
            }
            offset += 12 + length
        }
        guard sawHeader else { throw ChartError("PNG decoder", "no IHDR chunk; the file has no image header") }
        guard sawEnd else { throw ChartError("PNG decoder", "byte \(offset): no IEND chunk; the file is cut short") }
        let rowBytes = width * channels
        let raw = try inflate(compressed, expectedSize: height * (rowBytes + 1))
        return RasterImage(width: width, height: height, channels: channels,
                           pixels: try unfilter(raw, rowBytes: rowBytes, height: height, bytesPerPixel: channels))
    }

    /// Reverses the per-scanline filters (None, Sub, Up, Average, Paeth).
    static func unfilter(_ raw: [UInt8], rowBytes: Int, height: Int, bytesPerPixel bpp: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            let filter = raw[y * (rowBytes + 1)]
            let src = y * (rowBytes + 1) + 1, dst = y * rowBytes
            for i in 0..<rowBytes {
                let a = i >= bpp ? Int(out[dst + i - bpp]) : 0
                let b = y > 0 ? Int(out[dst - rowBytes + i]) : 0
                let c = i >= bpp && y > 0 ? Int(out[dst - rowBytes + i - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default:
                    throw ChartError("PNG decoder", "scanline \(y) uses filter type \(filter); PNG defines only 0…4")
                }
                out[dst + i] = raw[src + i] &+ UInt8(truncatingIfNeeded: predictor)
            }
        }
        return out
    }

    static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    private static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    /// Inflates a zlib stream whose decompressed size is known to be `expectedSize` bytes.
    private static func inflate(_ bytes: [UInt8], expectedSize: Int) throws -> [UInt8] {
        var length = uLongf(expectedSize)
        var out = [UInt8](repeating: 0, count: max(1, expectedSize))
        let status = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in
                uncompress(dst.baseAddress, &length, src.baseAddress, uLong(src.count))
            }
        }
        guard status == Z_OK else {
            let reason = status == Z_DATA_ERROR ? "the compressed data is corrupt"
                : status == Z_BUF_ERROR ? "it holds more than the \(expectedSize) bytes the header promises"
                : "zlib status \(status)"
            throw ChartError("PNG decoder", "cannot inflate the image data: \(reason)")
        }
        guard Int(length) == expectedSize else {
            throw ChartError("PNG decoder",
                             "the image data inflates to \(length) bytes, but the header promises \(expectedSize)")
        }
        return out
    }
}
