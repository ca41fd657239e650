import CellOutput
import Foundation
import Notebook

/// Reads a notebook file from disk, turning every way that can fail into a message that names the file.
public enum NotebookLoader {
    public static func load(_ path: String) throws -> Document {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError("\(path): error: no such notebook; check the path (notebooks are Markdown files such as notebooks/language-tour.md)")
        }
        guard !isDirectory.boolValue else {
            throw LoadError("\(path): error: is a directory; pass the notebook's .md file inside it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError("\(path): error: cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError("\(path): error: is not UTF-8 text; save the notebook as UTF-8 Markdown")
        }
        return try NotebookParser.parse(text, file: path)
    }
}

/// A notebook that could not be read at all.
public struct LoadError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
