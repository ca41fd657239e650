import Glibc

/// A forward-only stream of bytes from a file, raw or gzip-decompressed.
///
/// Readers pull exactly the bytes they need, so a 26 MB `.gz` file is never held in memory
/// next to its 47 MB contents; `offset` counts bytes of the (decompressed) stream so errors
/// can say where they happened.
protocol ByteSource: AnyObject {
    /// The file being read, for error messages.
    var path: String { get }
    /// Bytes delivered so far.
    var offset: Int { get }
    /// The most bytes the rest of the stream can hold: exact for a raw file, the deflate
    /// format's largest expansion of the compressed bytes left for gzip. Sizes claimed by a
    /// header are checked against it before anything is allocated for them.
    var mostRemaining: Int { get }
    /// What `mostRemaining` is, for messages: "the 1.2 KB left in the file".
    var remainingDescription: String { get }
    /// Fills up to `buffer.count` bytes; returns 0 only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// True when no byte is left.
    func isAtEnd() throws -> Bool {
        var probe: UInt8 = 0
        return try withUnsafeMutableBytes(of: &probe) { try read(into: $0) } == 0
    }
}

/// An open file read with `fread`; closes itself.
final class FileByteSource: ByteSource {
    /// The path as opened: absolute, after the file gate.
    let path: String
    private(set) var offset = 0
    /// The file's size in bytes when it was opened.
    let size: Int
    private let handle: UnsafeMutablePointer<FILE>

    /// Opens `path` through the file gate, rejecting a missing path, a directory or a device.
    init(path: String) throws {
        let resolved = try DataFiles.authorized(path)
        size = try DataFiles.checkReadableFile(resolved)
        guard let handle = fopen(resolved, "rb") else {
            throw DatasetError(path: resolved, expected: "a readable file",
                               found: "an error opening it (\(String(cString: strerror(errno))))",
                               hint: "Check the file's permissions")
        }
        self.path = resolved
        self.handle = handle
    }

    deinit { fclose(handle) }

    var mostRemaining: Int { Swift.max(0, size - offset) }
    var remainingDescription: String { "\(mostRemaining) bytes left in the \(size)-byte file" }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = fread(base, 1, buffer.count, handle)
        if n == 0 && ferror(handle) != 0 {
            throw DatasetError(path: path, at: .byteOffset(offset), expected: "readable data",
                               found: "a read error (\(String(cString: strerror(errno))))")
        }
        offset += n
        return n
    }
}

/// Opens a file as a byte stream, decompressing it when it starts with the gzip magic `1f 8b`.
func openByteSource(_ path: String) throws -> ByteSource {
    let file = try FileByteSource(path: path)
    var magic = [UInt8](repeating: 0, count: 2)
    let n = try magic.withUnsafeMutableBytes { try file.read(into: $0) }
    let reopened = try FileByteSource(path: file.path)
    if n == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
        return GzipByteSource(compressed: reopened)
    }
    return reopened
}
