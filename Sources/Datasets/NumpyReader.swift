/// Reads image datasets from NumPy `.npy` files and `.npz` archives (KMNIST ships
/// `kmnist-train-imgs.npz` and `kmnist-train-labels.npz`, each holding one array `arr_0`).
public enum NumpyReader {
    /// One array from a `.npy` file.
    ///
    /// The magic and header are read and checked first, and the data size they give must be the
    /// file's size, so a large file that is not an NPY file is never read whole.
    public static func readArray(path: String) throws -> NumpyArray {
        let file = try FileByteSource(path: path)
        let fail = NumpyArray.failure(path: file.path, member: nil)
        var head = try file.readAvailable(upTo: 12)
        let (dictStart, dictLength) = try NumpyHeader.preamble(head, fail: fail)
        guard dictStart + dictLength <= file.size else {
            throw fail(8, "a header of \(dictLength) bytes", "a \(file.size)-byte file", "The file is truncated")
        }
        head += try file.readBytes(dictStart + dictLength - head.count, what: "the NPY header")
        let header = try NumpyHeader(head, fail: fail)
        guard file.size - header.dataStart == header.dataBytes else {
            throw fail(header.dataStart,
                       "\(header.dataBytes) bytes of data for shape \(header.shape) of '\(header.descr)'",
                       "\(file.size - header.dataStart) bytes", "The file is truncated or its header is wrong")
        }
        let data = try file.readBytes(header.dataBytes, what: "the array's data")
        return try NumpyArray(header: header, data: data, from: 0, path: file.path)
    }

    /// Every array of an `.npz` archive, by member name without `.npy` (`arr_0`, `x_train`, …).
    public static func readArchive(path: String) throws -> [(name: String, array: NumpyArray)] {
        let archive = try ZipArchive(path: path)
        guard !archive.entries.isEmpty else {
            throw DatasetError(path: path, expected: "at least one array in the archive", found: "an empty archive")
        }
        return try archive.entries.map { entry in
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            return (name, try NumpyArray(npy: try archive.contents(of: entry), path: path, member: entry.name))
        }
    }

    /// The arrays of a `.npy` or `.npz` file.
    /// The file's first bytes decide which, so a file of another format is named as such.
    static func arrays(path: String) throws -> [(name: String, array: NumpyArray)] {
        let head = try FileByteSource(path: path).readAvailable(upTo: 12)
        switch DataFormat.sniff(head) {
        case .npy?: return [("arr_0", try readArray(path: path))]
        case .npz?: return try readArchive(path: path)
        default:
            throw DatasetError(path: try DataFiles.authorized(path), at: .byteOffset(0),
                               expected: "an NPY array (starting \\x93NUMPY) or an NPZ archive (starting PK)",
                               found: "data starting \(String(format2: Array(head.prefix(6))))",
                               hint: DataFormat.lookalikeHint(head))
        }
    }

    /// Builds a dataset from an images file and a labels file (`.npy` or `.npz`). When `labels`
    /// is nil the images file must hold both: one array of rank ≥ 2 and one of rank 1.
    public static func readImages(images imagesPath: String, labels labelsPath: String?,
                                  shape: [Int]? = nil, classCount: Int? = nil, classNames: [String]? = nil,
                                  name: String) throws -> ImageDataset {
        try ClassLimit.check(declared: classCount, path: imagesPath)
        let imageArrays = try arrays(path: imagesPath)
        let labelArrays = try labelsPath.map(arrays(path:)) ?? imageArrays
        guard let images = imageArrays.first(where: { $0.array.shape.count >= 2 }) else {
            throw DatasetError(path: imagesPath, expected: "an image array of rank 2, 3 or 4",
                               found: "arrays of shapes \(imageArrays.map { $0.array.shape })")
        }
        let labelFile = labelsPath ?? imagesPath
        guard let labels = labelArrays.first(where: { $0.array.shape.count == 1 }) else {
            throw DatasetError(path: labelFile, expected: "a label array of rank 1",
                               found: "arrays of shapes \(labelArrays.map { $0.array.shape })",
                               hint: labelsPath == nil
                                   ? "Pass the labels file too, e.g. Datasets.load(images, labels: \"y.npy\")" : "")
        }
        let count = images.array.shape[0]
        guard labels.array.shape[0] == count else {
            throw DatasetError(path: labelFile, at: .member(labels.name, byteOffset: 0),
                               expected: "\(count) labels, one per image in \(imagesPath)",
                               found: "\(labels.array.shape[0]) labels")
        }
        let pixelCount = images.array.shape.dropFirst().reduce(1, *)
        let sampleShape = try imageShape(pixelCount: pixelCount,
                                         given: shape ?? (images.array.shape.count >= 3
                                                          ? Array(images.array.shape.dropFirst()) : nil),
                                         path: imagesPath, location: .member(images.name, byteOffset: 0))
        let labelValues = try validatedLabels(labels.array, classCount: classCount, path: labelFile,
                                              member: labels.name)
        let pixels: ImageStore.Pixels
        switch images.array.values {
        case .uint8(let bytes): pixels = .bytes(bytes)
        case .float(let floats): pixels = .floats(floats)
        case .integer(let ints):
            pixels = ints.allSatisfy { (0...255).contains($0) }
                ? .bytes(ints.map { UInt8($0) }) : .floats(ints.map { Float($0) })
        }
        let store = ImageStore(pixels: pixels, labels: labelValues, sampleShape: sampleShape)
        return ImageDataset(store: store, classCount: classCount ?? Int(labelValues.max() ?? 0) + 1,
                            classNames: classNames, name: name)
    }

    private static func validatedLabels(_ array: NumpyArray, classCount: Int?, path: String,
                                        member: String) throws -> [Int32] {
        let values: [Int64]
        switch array.values {
        case .uint8(let bytes): values = bytes.map(Int64.init)
        case .integer(let ints): values = ints
        case .float(let floats):
            // Checked before converting: Int64(1e30) or Int64(.nan) would stop the process.
            if let bad = floats.firstIndex(where: { !$0.isFinite || $0 != $0.rounded() || $0 < 0 || $0 >= 1e9 }) {
                throw DatasetError(path: path, at: .member(member, byteOffset: 0),
                                   expected: "whole-number labels from 0 to \((classCount ?? ClassLimit.maximum) - 1)",
                                   found: "\(floats[bad]) at index \(bad)")
            }
            values = floats.map { Int64($0) }
        }
        let limit = Int64(classCount ?? ClassLimit.maximum)
        if let bad = values.firstIndex(where: { $0 < 0 || $0 >= limit }) {
            if classCount == nil, values[bad] >= limit {
                throw ClassLimit.tooLarge("\(values[bad])", path: path, at: .member(member, byteOffset: 0),
                                          column: " at index \(bad)")
            }
            throw DatasetError(path: path, at: .member(member, byteOffset: 0),
                               expected: classCount.map { "a label in 0...\($0 - 1)" } ?? "a label ≥ 0",
                               found: "\(values[bad]) at index \(bad)")
        }
        return values.map { Int32($0) }
    }
}
