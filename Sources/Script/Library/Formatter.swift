import Foundation

/// `String(format:)` with the printf conversions Swift users write: %d %i %x %o %f %e %g %s %@ %c %%,
/// flags, width and precision. Arguments are checked instead of read blindly as C would.
enum Formatter {
    /// `String(format:)`: C-style `%d %f %s %e %@ %%` with flags, width and precision.
    static func format(_ fmt: String, _ args: [Value]) throws -> String {
        var out = ""
        var next = 0
        let chars = Array(fmt)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            guard ch == "%" else { out.append(ch); i += 1; continue }
            var spec = "%"
            i += 1
            while i < chars.count, "-+ 0#123456789.*".contains(chars[i]) { spec.append(chars[i]); i += 1 }
            while i < chars.count, "lhqLzjt".contains(chars[i]) { i += 1 }
            guard i < chars.count else {
                throw HostError("incomplete format specifier '\(spec)' at the end of the format string")
            }
            let conversion = chars[i]
            i += 1
            if conversion == "%" { out.append("%"); continue }
            guard !spec.contains("*") else {
                throw HostError("'*' widths are not supported in String(format:); write the width into the format")
            }
            try checkSize(spec)
            guard next < args.count else {
                throw HostError("format string has more specifiers than arguments (\(args.count) given)")
            }
            let arg = args[next]
            next += 1
            out += try formatOne(spec, conversion, arg, position: next)
        }
        if next < args.count {
            throw HostError("format string uses \(next) argument\(next == 1 ? "" : "s") but \(args.count) were given")
        }
        return out
    }

    /// One conversion of one argument, type-checked against its specifier.
    private static func formatOne(_ spec: String, _ conversion: Character, _ arg: Value,
                                  position: Int) throws -> String {
        switch conversion {
        case "d", "i", "x", "X", "o", "u":
            guard case .int(let v) = arg else {
                throw HostError("argument \(position) for '%\(conversion)' must be an Int, got '\(arg.typeName)'")
            }
            return String(format: spec + "l" + String(conversion), v)
        case "f", "F", "e", "E", "g", "G", "a":
            guard let v = arg.doubleValue else {
                throw HostError("argument \(position) for '%\(conversion)' must be a Double, got '\(arg.typeName)'")
            }
            return String(format: spec + String(conversion), v)
        case "s", "@":
            return pad(arg.description, spec)
        case "c":
            return pad(arg.description.first.map(String.init) ?? "", spec)
        default:
            throw HostError("unknown format conversion '%\(conversion)'")
        }
    }

    /// The widest field and the longest precision a format may ask for: enough for any table, and small
    /// enough that `%1000000000d` is an error rather than a gigabyte of spaces.
    static let maxWidth = 10_000

    /// Rejects a width or precision beyond `maxWidth`, naming it.
    private static func checkSize(_ spec: String) throws {
        for number in spec.split(whereSeparator: { !$0.isNumber }) {
            guard let value = Int(number), value <= maxWidth else {
                throw HostError("format '\(spec)' asks for a width or precision of \(number), "
                                + "more than the limit of \(maxWidth)")
            }
        }
    }

    /// Applies the width (and `-` for left alignment) and precision of a `%s` spec.
    private static func pad(_ s: String, _ spec: String) -> String {
        var body = spec.dropFirst()
        let left = body.contains("-")
        body = body.drop { "-+ 0#".contains($0) }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let width = parts.first.flatMap { Int($0) } ?? 0
        var text = s
        if parts.count > 1, let precision = Int(parts[1]) { text = String(text.prefix(precision)) }
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + fill : fill + text
    }
}
