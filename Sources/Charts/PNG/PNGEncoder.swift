/// Writes 8-bit PNG images: grey (1 channel), grey + alpha (2), RGB (3) or RGBA (4).
public enum PNGEncoder {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes row-major, interleaved 8-bit pixels as a PNG file.
    /// - Parameters:
    ///   - pixels: `width × height × channels` bytes, top row first.
    /// - Throws: `ChartError` for a zero size, an unsupported channel count, or a wrong pixel count.
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws -> [UInt8] {
        guard width > 0, height > 0 else {
            throw ChartError("PNG encoder", "image size \(width)×\(height) is empty; width and height must be ≥ 1")
        }
        guard let colorType = colorTypes[channels] else {
            throw ChartError("PNG encoder", "\(channels) channels per pixel is not supported; "
                             + "use 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA)")
        }
        guard pixels.count == width * height * channels else {
            throw ChartError("PNG encoder", "expected \(width)×\(height)×\(channels) = \(width * height * channels) "
                             + "bytes but got \(pixels.count)")
        }
        // Each scanline is prefixed by its filter type; "Up" (2) pays off for smooth images and
        // costs nothing for the small ones charts embed, "None" (0) is used for the first row.
        let rowBytes = width * channels
        var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        pixels.withUnsafeBufferPointer { src in
            for y in 0..<height {
                let out = y * (rowBytes + 1), row = y * rowBytes
                raw[out] = y == 0 ? 0 : 2
                for i in 0..<rowBytes {
                    raw[out + 1 + i] = y == 0 ? src[row + i] : src[row + i] &- src[row - rowBytes + i]
                }
            }
        }
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, colorType, 0, 0, 0] // bit depth, colour type, compression, filter, interlace
        var file = signature
        file += chunk("IHDR", header)
        file += chunk("IDAT", try Zlib.deflate(raw))
        file += chunk("IEND", [])
        return file
    }

    /// PNG colour type for each supported channel count.
    static let colorTypes: [Int: UInt8] = [1: 0, 2: 4, 3: 2, 4: 6]

    /// length, type, data, CRC over type + data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(Zlib.crc(typeBytes + data))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }
}
