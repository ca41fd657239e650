import RunLimits

/// Reads whose size comes from a header or from the file itself. Each is checked against what
/// the rest of the file can hold and against the run's memory budget before memory is taken,
/// so that a damaged or hostile header fails with a message instead of filling memory.
extension ByteSource {
    /// Reads `count` bytes into a new array; `what` names them in errors ("data for dimensions [2, 3]").
    ///
    /// A count beyond `mostRemaining` fails at once. Otherwise the array starts at up to 64 MB and
    /// doubles as data arrives, each step within the budget: a gzip stream may still end early, and
    /// then only what arrived was held.
    func readBytes(_ count: Int, what: String) throws -> [UInt8] {
        let start = offset
        guard count <= mostRemaining else {
            throw DatasetError(path: path, at: .byteOffset(start),
                               expected: "\(count) bytes\(count >= 1024 ? " (\(ByteCount.format(count)))" : "") "
                                   + "of \(what), as the header says",
                               found: "at most \(remainingDescription)",
                               hint: "The header is damaged or the file is truncated; download or copy it again")
        }
        var bytes: [UInt8] = []
        var filled = 0
        while filled < count {
            let size = filled == 0 ? Swift.min(count, 1 << 26) : Swift.min(count, 2 * filled)
            try RunBudget.shared.reserve(size, for: "reading \(what) from \(path)")
            bytes.append(contentsOf: repeatElement(0, count: size - filled))
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
        }
        return bytes
    }

    /// Everything that is left, as one array: reserved whole for a raw file, grown within the
    /// budget for a compressed one (whose size is known only at its end).
    func readToEnd() throws -> [UInt8] {
        var all: [UInt8] = []
        if let file = self as? FileByteSource {
            try RunBudget.shared.reserve(file.mostRemaining, for: "reading \(path)")
            all.reserveCapacity(file.mostRemaining)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return all }
            if all.count + n > all.capacity {
                let grown = Swift.max(all.count + n, 2 * all.capacity)
                try RunBudget.shared.reserve(grown, for: "the decompressed contents of \(path) "
                                             + "(\(ByteCount.format(all.count)) so far)")
                all.reserveCapacity(grown)
            }
            all.append(contentsOf: chunk[0..<n])
        }
    }

    /// Up to `limit` bytes from the start, fewer if the data is shorter.
    func readAvailable(upTo limit: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let n = try bytes.withUnsafeMutableBytes {
                try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes.prefix(filled))
    }
}
