import RunLimits

/// The preamble and header dict of a `.npy` file or `.npz` member, parsed and checked before
/// any of its data is read: the magic, the version, a header that fits, a supported dtype and
/// a shape whose size does not overflow.
///
/// Layout: `\x93NUMPY`, major and minor version bytes, header length (UInt16 LE in version 1,
/// UInt32 LE in 2 and 3), a Python dict literal
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, then the data.
struct NumpyHeader {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// NumPy itself refuses headers over 10,000 bytes unless told otherwise; a megabyte is generous.
    static let largestHeader = 1 << 20

    let descr: String
    let shape: [Int]
    let type: NumpyElementType
    /// Offset of the first data byte.
    let dataStart: Int
    /// Bytes of data that shape and dtype call for.
    let dataBytes: Int
    /// Number of elements.
    var count: Int { dataBytes / type.size }

    /// Bytes before the header dict and the dict's length, from the first 12 bytes of the data.
    static func preamble(_ bytes: [UInt8], fail: (Int, String, String, String) -> DatasetError) throws
        -> (dictStart: Int, dictLength: Int) {
        guard bytes.count >= 10, bytes.starts(with: magic) else {
            throw fail(0, "an NPY array (starting with the magic \\x93NUMPY)",
                       "data starting \(String(format2: Array(bytes.prefix(6))))", DataFormat.lookalikeHint(bytes))
        }
        let major = bytes[6]
        let lengthSize = major == 1 ? 2 : 4
        guard (1...3).contains(major), bytes.count >= 8 + lengthSize else {
            throw fail(6, "format version 1, 2 or 3", "version \(major)", "")
        }
        let length = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        guard length <= largestHeader else {
            throw fail(8, "a header of at most \(largestHeader) bytes", "a header length of \(length)",
                       "The file is damaged or not an NPY file")
        }
        return (8 + lengthSize, length)
    }

    /// Parses the header of `bytes`, which hold at least the preamble and the whole dict.
    init(_ bytes: [UInt8], fail: (Int, String, String, String) -> DatasetError) throws {
        let (dictStart, length) = try NumpyHeader.preamble(bytes, fail: fail)
        dataStart = dictStart + length
        guard dataStart <= bytes.count else {
            throw fail(8, "a header of \(length) bytes", "only \(bytes.count - dictStart) bytes left", "")
        }
        let header = String(decoding: bytes[dictStart..<dataStart], as: UTF8.self)
        guard let descr = NumpyHeader.quotedValue(of: "descr", in: header) else {
            throw fail(dictStart, "a 'descr' entry in the header", "'\(header.prefix(60))'", "")
        }
        if header.contains("'fortran_order': True") {
            throw fail(dictStart, "C order ('fortran_order': False)", "Fortran order",
                       "Save the array with numpy.ascontiguousarray first")
        }
        guard let shape = NumpyHeader.shapeValue(in: header) else {
            throw fail(dictStart, "a 'shape' tuple of whole numbers in the header", "'\(header.prefix(80))'", "")
        }
        guard let type = NumpyElementType(descr: descr) else {
            throw fail(dictStart, "a little-endian uint8, integer or float dtype", "dtype '\(descr)'",
                       "Convert with .astype(numpy.uint8) or .astype(numpy.float32)")
        }
        let size = shape.reduce(type.size) { ByteCount.product($0, $1) }
        guard size < Int.max else { throw fail(dictStart, "a plausible shape", "\(shape)", "The header is damaged") }
        self.descr = descr
        self.shape = shape
        self.type = type
        self.dataBytes = shape.contains(0) ? 0 : size
    }

    /// The string value of `'key': '...'` in a header dict.
    static func quotedValue(of key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)'") else { return nil }
        let rest = header[keyRange.upperBound...]
        guard let open = rest.firstIndex(where: { $0 == "'" || $0 == "\"" }) else { return nil }
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: rest[open]) else { return nil }
        return String(rest[afterOpen..<close])
    }

    /// The tuple of `'shape': (a, b, c)`; `()` is a scalar with shape `[]`.
    static func shapeValue(in header: String) -> [Int]? {
        guard let keyRange = header.range(of: "'shape'") else { return nil }
        let rest = header[keyRange.upperBound...]
        guard let open = rest.firstIndex(of: "("), let close = rest.firstIndex(of: ")"), open < close else {
            return nil
        }
        var dims: [Int] = []
        for part in rest[rest.index(after: open)..<close].split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: " ")
            if trimmed.isEmpty { continue }
            guard let value = Int(trimmed.hasSuffix("L") ? String(trimmed.dropLast()) : trimmed), value >= 0 else {
                return nil
            }
            dims.append(value)
        }
        return dims
    }
}
