import CZlib
import Foundation
import XCTest
@testable import Datasets

/// Writes small data files into a fresh temporary directory, in every format the readers take.
final class Fixtures {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "folio-datasets-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `bytes` to `name` in the directory and returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ name: String, text: String) throws -> String { try write(name, Array(text.utf8)) }

    // MARK: - IDX

    /// An IDX file of unsigned bytes with the given dimensions.
    static func idx(dimensions: [Int], values: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255),
                                        UInt8(d & 255)] }
        return bytes + values
    }

    // MARK: - Compression

    /// Compresses with zlib: `windowBits` 16+15 gives gzip, -15 raw deflate.
    static func deflate(_ input: [UInt8], windowBits: Int32) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                      zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var source = input
        let produced: Int = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = src.baseAddress
                stream.avail_in = UInt32(src.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                return Int(stream.total_out)
            }
        }
        return Array(output.prefix(produced))
    }

    static func gzip(_ input: [UInt8]) -> [UInt8] { deflate(input, windowBits: 16 + 15) }

    // MARK: - NumPy

    /// An `.npy` (version 1) with the given dtype string and little-endian element bytes.
    static func npy(descr: String, shape: [Int], data: [UInt8], fortran: Bool = false) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let length = header.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 255),
                                               UInt8(length >> 8)] + Array(header.utf8) + data
    }

    static func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    }

    /// A zip archive (as `numpy.savez`/`savez_compressed` writes) of `members`, stored or deflated.
    static func zip(_ members: [(name: String, data: [UInt8])], deflated: Bool) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 255), UInt8(v >> 8 & 255)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16 & 0xFFFF) }
        var file: [UInt8] = [], central: [UInt8] = []
        for member in members {
            let crc = member.data.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, UInt32($0.count))) }
            let body = deflated ? deflate(member.data, windowBits: -15) : member.data
            let name = Array(member.name.utf8)
            let common = u16(20) + u16(0) + u16(deflated ? 8 : 0) + u16(0) + u16(0) + u32(crc)
                + u32(body.count) + u32(member.data.count) + u16(name.count) + u16(0)
            let offset = file.count
            file += u32(0x0403_4b50) + common + name + body
            central += u32(0x0201_4b50) + u16(20) + common + u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + name
        }
        let end = u32(0x0605_4b50) + u16(0) + u16(0) + u16(members.count) + u16(members.count)
            + u32(central.count) + u32(file.count) + u16(0)
        return file + central + end
    }
}

/// Asserts that `body` throws a ``DatasetError`` whose message contains every fragment.
func assertDatasetError<T>(_ body: @autoclosure () throws -> T, contains fragments: [String],
                           file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected an error containing \(fragments)", file: file, line: line)
    } catch let error as DatasetError {
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment),
                          "'\(error)' lacks '\(fragment)'", file: file, line: line)
        }
    } catch {
        XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
    }
}

/// Six 2×2 images with values `10 * i + j` and labels `i % 3`.
let tinyPixels: [UInt8] = (0..<6).flatMap { i in (0..<4).map { UInt8(10 * i + $0) } }
let tinyLabels: [UInt8] = (0..<6).map { UInt8($0 % 3) }

/// All raw pixels of a dataset, in order.
func rawPixels(_ data: ImageDataset) -> [Float] {
    data.scaled(.raw).batch(Array(0..<data.count)[...]).inputs
}
