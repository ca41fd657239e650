import Foundation
import RunLimits
import Tensor

// safetensors layout: 8-byte little-endian header length, a JSON header mapping tensor names to
// {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]} (offsets relative to the data
// section) plus "__metadata__" (string → string), then the raw little-endian data.

/// One tensor listed in a safetensors header, already checked against the data section.
struct SafeTensorEntry {
    /// The name in the file, e.g. "features.0.weight".
    let name: String
    /// The dtype as written, e.g. "F32", "BF16", "I64".
    let dtype: String
    let shape: [Int]
    /// Where the bytes are, relative to the start of the data section.
    let bytes: Range<Int>

    /// Whether Folio can read the values as Float (F32, F16, BF16, F64); other dtypes, such as
    /// BatchNorm's I64 `num_batches_tracked`, are buffers the importer skips.
    var isFloat: Bool { SafeTensorEntry.floatWidths[dtype] != nil }

    /// "fc3.weight [10, 64]", as error messages and reports list tensors.
    var label: String { "\(name) \(shape)" }

    static let floatWidths = ["F32": 4, "F16": 2, "BF16": 2, "F64": 8]
    /// Bytes per element of every dtype the format defines (so offsets of all tensors are checked).
    static let widths = floatWidths.merging(["BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
                                             "I16": 2, "U16": 2,
                                             "I32": 4, "U32": 4, "I64": 8, "U64": 8,
                                             "F8_E8M0": 1, "C64": 8]) { a, _ in a }
}

/// A safetensors file read into memory with every header entry validated, so that later steps
/// never index outside the data: a malformed file is an error naming the file and the tensor.
struct SafeTensorsFile {
    let path: String
    /// Every tensor, in the order of its bytes in the data section.
    let entries: [SafeTensorEntry]
    /// The header's "__metadata__" strings (Folio keeps its architecture there).
    let metadata: [String: String]
    private let data: Data
    private let byName: [String: Int]

    /// `throughGate: false` only for files Folio itself keeps (the cache's), never a cell's path.
    init(path: String, throughGate: Bool = true) throws {
        let path = throughGate ? try FileGate.shared.authorizeRead(path) : path
        self.path = path
        // The header length is checked against the file's size before the file is read whole.
        let (size, length) = try SafeTensorsFile.headerLength(path)
        try RunBudget.shared.reserve(size, for: "reading \(path)")
        guard let file = FileManager.default.contents(atPath: path), file.count == size else {
            throw LearnError.file("load: cannot read \(path); check the path")
        }
        let start = 8 + Int(length)
        guard let header = try? JSONSerialization.jsonObject(with: file.subdata(in: 8..<start)) as? [String: Any] else {
            throw LearnError.file("load \(path): the header (bytes 8..<\(start)) is not a JSON object; "
                                  + "the file is not safetensors")
        }
        let body = file.subdata(in: start..<file.count)
        let sorted = try header.filter { $0.key != "__metadata__" }
            .map { try SafeTensorsFile.entry($0.key, $0.value, dataSize: body.count, path: path) }
            .sorted { ($0.bytes.lowerBound, $0.name) < ($1.bytes.lowerBound, $1.name) }
        data = body
        entries = sorted
        metadata = (header["__metadata__"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
        byName = Dictionary(sorted.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The file's size and its header length, checked to fit in the file (and to be under 100 MB,
    /// the format's own limit), from its first 8 bytes only.
    static func headerLength(_ path: String) throws -> (size: Int, length: UInt64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LearnError.file("load: cannot read \(path); check the path "
                                  + "(a relative path starts at the notebook's folder)")
        }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
        let prefix = (try? handle.read(upToCount: 8)) ?? Data()
        guard prefix.count == 8 else {
            throw LearnError.file("load \(path): file is \(size) bytes, too short for a safetensors header")
        }
        let length = prefix.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(size - 8), length <= 100_000_000 else {
            throw LearnError.file("load \(path): header length \(length) at byte 0 exceeds the file size \(size) "
                                  + "(or the format's 100 MB limit); the file is truncated or not safetensors")
        }
        return (size, length)
    }

    /// Whether `path` holds a safetensors file (a JSON header that fits), read from its header only.
    static func isModelFile(_ path: String) -> Bool {
        guard let (_, length) = try? headerLength(path), let handle = FileHandle(forReadingAtPath: path) else {
            return false
        }
        defer { try? handle.close() }
        try? handle.seek(toOffset: 8)
        guard let header = try? handle.read(upToCount: Int(length)) else { return false }
        return (try? JSONSerialization.jsonObject(with: header)) is [String: Any]
    }

    subscript(name: String) -> SafeTensorEntry? { byName[name].map { entries[$0] } }

    /// The file's name without its folder, for messages.
    var fileName: String { (path as NSString).lastPathComponent }

    /// Whether the data is laid out as the `safetensors` library writes it: grouped by dtype and
    /// sorted by name within each group. Then the byte order says nothing about the model's
    /// layer order, and names are the better guide.
    var isInNameOrder: Bool {
        var startedRuns = Set<String>()  // dtypes whose run of tensors has begun
        for (i, entry) in entries.enumerated() {
            if i > 0, entries[i - 1].dtype == entry.dtype {
                if entries[i - 1].name >= entry.name { return false }
            } else if !startedRuns.insert(entry.dtype).inserted {
                return false  // a second run of one dtype: not grouped
            }
        }
        return true
    }

    /// The values of a floating-point tensor as a Float tensor of the same shape.
    func floats(_ entry: SafeTensorEntry) -> Tensor {
        var t = Tensor(zeros: entry.shape)
        let out = t.mutablePointer, n = entry.shape.reduce(1, *)
        data.withUnsafeBytes { raw in
            let base = UnsafeRawBufferPointer(rebasing: raw[entry.bytes])
            /// Value i of the little-endian integers the data holds (unaligned: offsets need not be).
            func load<T: FixedWidthInteger>(_ i: Int, _: T.Type) -> T {
                T(littleEndian: base.loadUnaligned(fromByteOffset: MemoryLayout<T>.size * i, as: T.self))
            }
            switch entry.dtype {
            case "F16": for i in 0..<n { out[i] = halfToFloat(load(i, UInt16.self)) }
            case "BF16": for i in 0..<n { out[i] = Float(bitPattern: UInt32(load(i, UInt16.self)) << 16) }
            case "F64": for i in 0..<n { out[i] = Float(Double(bitPattern: load(i, UInt64.self))) }
            default: for i in 0..<n { out[i] = Float(bitPattern: load(i, UInt32.self)) }
            }
        }
        return t
    }

    /// Checks one header entry: known dtype, non-negative shape, offsets inside the data section
    /// that hold exactly shape × dtype-width bytes.
    private static func entry(_ name: String, _ value: Any, dataSize: Int, path: String) throws -> SafeTensorEntry {
        let problem = { (what: String) in
            LearnError.file("load \(path): tensor \"\(name)\" \(what); the file is damaged or not safetensors")
        }
        guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
              let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int] else {
            throw problem("needs dtype, shape and data_offsets in the header")
        }
        guard let width = SafeTensorEntry.widths[dtype] else { throw problem("has unknown dtype \(dtype)") }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw problem("has a negative size in its shape \(shape)") }
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        let (size, tooBig) = count.multipliedReportingOverflow(by: width)
        guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataSize else {
            throw problem("has data_offsets \(offsets) outside the \(dataSize)-byte data section (truncated file?)")
        }
        guard !overflow, !tooBig, offsets[1] - offsets[0] == size else {
            throw problem("holds \(offsets[1] - offsets[0]) bytes, "
                          + "but \(dtype) \(shape) needs \(overflow || tooBig ? "more" : "\(size)")")
        }
        return SafeTensorEntry(name: name, dtype: dtype, shape: shape, bytes: offsets[0]..<offsets[1])
    }
}

/// IEEE half precision to Float, exactly (every half is a Float).
func halfToFloat(_ h: UInt16) -> Float {
    let sign: UInt32 = UInt32(h & 0x8000) << 16, exponent = UInt32(h >> 10 & 0x1f), mantissa = UInt32(h & 0x3ff)
    switch exponent {
    case 0x1f: return Float(bitPattern: sign | 0x7f80_0000 | mantissa << 13)  // infinity or NaN
    case 0:  // zero or subnormal: mantissa · 2⁻²⁴
        let magnitude = Float(mantissa) * 0x1p-24
        return sign == 0 ? magnitude : -magnitude
    default: return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)  // rebias 15 → 127
    }
}
