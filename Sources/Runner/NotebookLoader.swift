import CellOutput
import Foundation
import Notebook

/// Reads a notebook file from disk, turning every way that can fail into a message that names the file.
public enum NotebookLoader {
    /// The largest notebook Folio reads: far beyond any real one (data lives in files of its own),
    /// small enough that a wrong argument such as a dataset does not fill memory.
    public static let maxBytes = 64 << 20

    public static func load(_ path: String) throws -> Document {
        try NotebookParser.parse(try readText(path), file: path)
    }

    /// The notebook's text. The file is opened without blocking and checked to be a regular file before
    /// anything is read, so a FIFO or a device (`/dev/zero`) is an error, not a hang or a flood.
    static func readText(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR:
                throw LoadError("\(path): error: no such notebook; check the path "
                                + "(notebooks are Markdown files such as notebooks/language-tour.md)")
            case EACCES, EPERM:
                throw LoadError("\(path): error: cannot be read: permission denied; check its permissions")
            default:
                throw LoadError("\(path): error: cannot be opened: \(String(cString: strerror(code)))")
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw LoadError("\(path): error: cannot be read: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw LoadError("\(path): error: is a directory; pass the notebook's .md file inside it")
        default:
            throw LoadError("\(path): error: is not a regular file (\(kind(info.st_mode))); "
                            + "pass a Markdown notebook file")
        }
        guard Int(info.st_size) <= maxBytes else {
            throw LoadError("\(path): error: is \(Int(info.st_size)) bytes, more than the \(maxBytes >> 20) MB "
                            + "a notebook may be; keep data in files of its own and load them from a cell")
        }
        let data = try readAll(descriptor, expected: Int(info.st_size), path: path)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw LoadError("\(path): error: is not UTF-8 text; save the notebook as UTF-8 Markdown")
        }
        return text
    }

    private static func readAll(_ descriptor: Int32, expected: Int, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: expected)
        var filled = 0
        while filled < expected {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, expected - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        guard filled == expected else {
            throw LoadError("\(path): error: changed while being read (\(filled) of \(expected) bytes); try again")
        }
        return bytes
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }
}

/// A notebook that could not be read at all.
public struct LoadError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
