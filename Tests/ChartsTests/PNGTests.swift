import XCTest
@testable import Charts

final class PNGTests: XCTestCase {
    private func pixels(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 7) } }

    func testRoundTripThroughDecoderForEveryChannelCount() throws {
        for channels in [1, 2, 3, 4] {
            let original = pixels(13 * 7 * channels)
            let png = try PNGEncoder.encode(width: 13, height: 7, channels: channels, pixels: original)
            let decoded = try PNGDecoder.decode(png)
            XCTAssertEqual(decoded.width, 13)
            XCTAssertEqual(decoded.height, 7)
            XCTAssertEqual(decoded.channels, channels)
            XCTAssertEqual(decoded.pixels, original, "\(channels) channels")
        }
    }

    func testFileStartsWithSignatureAndHeaderWithValidCRCs() throws {
        let png = try PNGEncoder.encode(width: 28, height: 20, channels: 1, pixels: pixels(28 * 20))
        XCTAssertEqual(Array(png[0..<8]), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(String(decoding: png[12..<16], as: UTF8.self), "IHDR")
        XCTAssertEqual(PNGDecoder.readUInt32(png, 8), 13)
        XCTAssertEqual(PNGDecoder.readUInt32(png, 16), 28)
        XCTAssertEqual(PNGDecoder.readUInt32(png, 20), 20)
        XCTAssertEqual(Array(png[24..<29]), [8, 0, 0, 0, 0]) // 8-bit grey, no interlace
        // Walk every chunk and recompute its CRC independently of the decoder.
        var offset = 8, types: [String] = []
        while offset < png.count {
            let length = Int(PNGDecoder.readUInt32(png, offset))
            types.append(String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self))
            let crc = Zlib.crc(Array(png[(offset + 4)..<(offset + 8 + length)]))
            XCTAssertEqual(PNGDecoder.readUInt32(png, offset + 8 + length), crc)
            offset += 12 + length
        }
        XCTAssertEqual(types, ["IHDR", "IDAT", "IEND"])
        XCTAssertEqual(Zlib.crc(Array("IEND".utf8)), 0xAE42_6082) // the well-known IEND CRC
    }

    func testCorruptFilesAreRejectedWithOffsets() throws {
        var png = try PNGEncoder.encode(width: 4, height: 4, channels: 3, pixels: pixels(48))
        png[40] ^= 0xff
        XCTAssertThrowsError(try PNGDecoder.decode(png)) { error in
            XCTAssertTrue("\(error)".contains("CRC"), "\(error)")
        }
        XCTAssertThrowsError(try PNGDecoder.decode([1, 2, 3])) { XCTAssertTrue("\($0)".contains("signature")) }
        let truncated = Array(try PNGEncoder.encode(width: 4, height: 4, channels: 1, pixels: pixels(16)).dropLast(20))
        XCTAssertThrowsError(try PNGDecoder.decode(truncated))
    }

    func testBadEncoderInputThrows() {
        XCTAssertThrowsError(try PNGEncoder.encode(width: 2, height: 2, channels: 1, pixels: [1, 2, 3]))
        XCTAssertThrowsError(try PNGEncoder.encode(width: 0, height: 2, channels: 1, pixels: []))
        XCTAssertThrowsError(try PNGEncoder.encode(width: 1, height: 1, channels: 5, pixels: [1, 2, 3, 4, 5]))
    }

    func testDataURIDecodesBackToTheImage() throws {
        let image = try RasterImage(gray: [Float](stride(from: 0, to: 1, by: 1.0 / 64)), width: 8, height: 8)
        let uri = try image.dataURI()
        XCTAssertTrue(uri.hasPrefix("data:image/png;base64,"))
        let bytes = try XCTUnwrap(Data(base64Encoded: String(uri.dropFirst("data:image/png;base64,".count))))
        XCTAssertEqual(try PNGDecoder.decode([UInt8](bytes)), image)
        XCTAssertEqual(image.pixels.first, 0)
        XCTAssertEqual(image.pixels.last, UInt8((63.0 / 64 * 255).rounded()))
    }
}
