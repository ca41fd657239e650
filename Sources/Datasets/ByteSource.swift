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
    /// Fills up to `buffer.count` bytes; returns 0 only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads exactly `buffer.count` bytes or throws naming the offset where the data ended.
    func readExactly(into buffer: UnsafeMutableRawBufferPointer, what: String) throws {
        var filled = 0
        let start = offset
        while filled < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if n == 0 {
                throw DatasetError(path: path, at: .byteOffset(start + filled),
                                   expected: "\(buffer.count) bytes of \(what)",
                                   found: "the end of the data after \(filled) bytes",
                                   hint: "The file is truncated; download or copy it again")
            }
            filled += n
        }
    }

    /// Reads `count` bytes into a new array. The array grows as data arrives, so a damaged
    /// header that claims terabytes fails with "end of data", not an out-of-memory crash.
    func readBytes(_ count: Int, what: String) throws -> [UInt8] {
        let start = offset
        var bytes = [UInt8](repeating: 0, count: Swift.min(count, 1 << 26))
        var filled = 0
        while true {
            while filled < bytes.count {
                let n = try bytes.withUnsafeMutableBytes {
                    try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
                }
                if n == 0 {
                    throw DatasetError(path: path, at: .byteOffset(start + filled),
                                       expected: "\(count) bytes of \(what)",
                                       found: "the end of the data after \(filled) bytes",
                                       hint: "The file is truncated or its header is wrong; download or copy it again")
                }
                filled += n
            }
            if filled == count { return bytes }
            bytes.append(contentsOf: repeatElement(0, count: Swift.min(count - filled, filled)))
        }
    }

    /// True when no byte is left.
    func isAtEnd() throws -> Bool {
        var probe: UInt8 = 0
        return try withUnsafeMutableBytes(of: &probe) { try read(into: $0) } == 0
    }

    /// Everything that is left, as one array.
    func readToEnd() throws -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return all }
            all.append(contentsOf: chunk[0..<n])
        }
    }
}

/// An open file read with `fread`; closes itself.
final class FileByteSource: ByteSource {
    let path: String
    private(set) var offset = 0
    private let handle: UnsafeMutablePointer<FILE>

    /// Opens `path`, rejecting a missing path or a directory with a clear error.
    init(path: String) throws {
        try FileByteSource.checkReadableFile(path)
        guard let handle = fopen(path, "rb") else {
            throw DatasetError(path: path, expected: "a readable file",
                               found: "an error opening it (\(String(cString: strerror(errno))))",
                               hint: "Check the file's permissions")
        }
        self.path = path
        self.handle = handle
    }

    deinit { fclose(handle) }

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

    /// Throws unless `path` names an existing regular file with at least one byte.
    static func checkReadableFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DatasetError(path: path, expected: "an existing file", found: "no such file or directory",
                               hint: "Check the path (relative paths start at the notebook's directory)")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DatasetError(path: path, expected: "a data file", found: "a directory",
                               hint: "Name a file inside it")
        }
        if info.st_size == 0 {
            throw DatasetError(path: path, expected: "data", found: "an empty file (0 bytes)")
        }
    }
}

/// Opens a file as a byte stream, decompressing it when it starts with the gzip magic `1f 8b`.
func openByteSource(_ path: String) throws -> ByteSource {
    let file = try FileByteSource(path: path)
    var magic = [UInt8](repeating: 0, count: 2)
    let n = try magic.withUnsafeMutableBytes { try file.read(into: $0) }
    let reopened = try FileByteSource(path: path)
    if n == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
        return GzipByteSource(compressed: reopened)
    }
    return reopened
}

/// True when the file at `path` is a directory.
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// True when something exists at `path`.
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}
