/// Reads IDX files (MNIST, Fashion-MNIST, KMNIST `*-idx3-ubyte[.gz]`, `*-idx1-ubyte[.gz]`),
/// raw or gzip-compressed, checking the header against the data as it streams.
///
/// Layout: bytes 0–1 are zero, byte 2 is the element type (0x08 = unsigned byte, the only
/// one image sets use), byte 3 the number of dimensions, then one big-endian UInt32 per
/// dimension, then the elements in row-major order.
public enum IDXReader {
    /// The header of an IDX file.
    public struct Header: Equatable, Sendable {
        /// Dimensions, e.g. `[60000, 28, 28]` for images, `[60000]` for labels.
        public let dimensions: [Int]
        /// Number of elements that must follow the header.
        public var elementCount: Int { dimensions.reduce(1, *) }
    }

    /// Reads the whole file: its dimensions and bytes (exactly `elementCount` of them).
    public static func read(path: String) throws -> (header: Header, bytes: [UInt8]) {
        let source = try openByteSource(path)
        let header = try readHeader(source)
        let bytes = try source.readBytes(header.elementCount,
                                         what: "data for dimensions \(header.dimensions)")
        if try !source.isAtEnd() {
            throw DatasetError(path: path, at: .byteOffset(source.offset - 1),
                               expected: "the file to end after \(header.elementCount) elements "
                                   + "(dimensions \(header.dimensions))",
                               found: "more data",
                               hint: "The header's counts disagree with the data; the file may be damaged")
        }
        return (header, bytes)
    }

    /// Reads an image file and its label file into one dataset, checking that the counts agree
    /// and, when `classCount` is given, that every label is in `0..<classCount`.
    public static func readImages(images imagesPath: String, labels labelsPath: String,
                                  classCount: Int? = nil, classNames: [String]? = nil,
                                  name: String) throws -> ImageDataset {
        try ClassLimit.check(declared: classCount, path: imagesPath)
        let (imageHeader, pixels) = try read(path: imagesPath)
        let dims = imageHeader.dimensions
        guard dims.count == 3 || dims.count == 4 else {
            throw DatasetError(path: imagesPath, at: .byteOffset(3),
                               expected: "3 dimensions (count, rows, columns) or 4 (… channels) in an image file",
                               found: "\(dims.count) dimensions \(dims)",
                               hint: "Is this a label file (idx1)? Pass it as the labels")
        }
        let (labelHeader, labelBytes) = try read(path: labelsPath)
        guard labelHeader.dimensions.count == 1 else {
            throw DatasetError(path: labelsPath, at: .byteOffset(3),
                               expected: "1 dimension in a label file",
                               found: "\(labelHeader.dimensions.count) dimensions",
                               hint: "Is this an image file (idx3)? Pass it as the images")
        }
        guard labelHeader.dimensions[0] == dims[0] else {
            throw DatasetError(path: labelsPath, at: .byteOffset(4),
                               expected: "\(dims[0]) labels, one per image in \(imagesPath)",
                               found: "\(labelHeader.dimensions[0]) labels",
                               hint: "The image and label files do not belong together")
        }
        let labels = try validatedLabels(labelBytes, classCount: classCount, path: labelsPath, headerSize: 8)
        let shape = dims.count == 4 ? Array(dims[1...]) : [dims[1], dims[2], 1]
        let store = ImageStore(pixels: .bytes(pixels), labels: labels, sampleShape: shape)
        let classes = classCount ?? Int(labels.max() ?? 0) + 1
        return ImageDataset(store: store, classCount: classes, classNames: classNames, name: name)
    }

    static func readHeader(_ source: ByteSource) throws -> Header {
        let magic = try source.readBytes(4, what: "the IDX magic number")
        guard magic[0] == 0, magic[1] == 0 else {
            throw DatasetError(path: source.path, at: .byteOffset(0),
                               expected: "an IDX magic number starting 00 00",
                               found: String(format2: magic),
                               hint: "This is not an IDX file. " + DataFormat.lookalikeHint(magic))
        }
        guard magic[2] == 0x08 else {
            throw DatasetError(path: source.path, at: .byteOffset(2),
                               expected: "element type 0x08 (unsigned byte)",
                               found: "type 0x" + String(magic[2], radix: 16),
                               hint: "Only unsigned-byte IDX files are supported")
        }
        let rank = Int(magic[3])
        guard (1...4).contains(rank) else {
            throw DatasetError(path: source.path, at: .byteOffset(3),
                               expected: "1 to 4 dimensions", found: "\(rank)")
        }
        let raw = try source.readBytes(4 * rank, what: "\(rank) dimension sizes")
        var dims: [Int] = []
        for d in 0..<rank {
            let value = raw[4 * d ..< 4 * d + 4].reduce(0) { $0 << 8 | Int($1) }
            guard value > 0 else {
                throw DatasetError(path: source.path, at: .byteOffset(4 + 4 * d),
                                   expected: "a positive size for dimension \(d)", found: "0")
            }
            dims.append(value)
        }
        var total = (partialValue: 1, overflow: false)
        for d in dims where !total.overflow { total = total.partialValue.multipliedReportingOverflow(by: d) }
        if total.overflow || total.partialValue > 1 << 40 {
            throw DatasetError(path: source.path, at: .byteOffset(4),
                               expected: "plausible dimension sizes", found: "\(dims)",
                               hint: "The header is damaged")
        }
        return Header(dimensions: dims)
    }

    /// Converts label bytes, checking their range; offsets in errors point into the label file.
    static func validatedLabels(_ bytes: [UInt8], classCount: Int?, path: String, headerSize: Int) throws -> [Int32] {
        if let classCount, let bad = bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw DatasetError(path: path, at: .byteOffset(headerSize + bad),
                               expected: "a label in 0...\(classCount - 1)", found: "\(bytes[bad]) (label \(bad))")
        }
        return bytes.map { Int32($0) }
    }
}

extension String {
    /// Hex bytes like `1f 8b 08 00`.
    init(format2 bytes: [UInt8]) {
        self = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
    }
}
