/// Reads image datasets from NumPy `.npy` files and `.npz` archives (KMNIST ships
/// `kmnist-train-imgs.npz` and `kmnist-train-labels.npz`, each holding one array `arr_0`).
public enum NumpyReader {
    /// One array from a `.npy` file.
    public static func readArray(path: String) throws -> NumpyArray {
        let bytes = try FileByteSource(path: path).readToEnd()
        return try NumpyArray(npy: bytes, path: path)
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
    static func arrays(path: String) throws -> [(name: String, array: NumpyArray)] {
        if path.lowercased().hasSuffix(".npy") { return [("arr_0", try readArray(path: path))] }
        return try readArchive(path: path)
    }

    /// Builds a dataset from an images file and a labels file (`.npy` or `.npz`). When `labels`
    /// is nil the images file must hold both: one array of rank ≥ 2 and one of rank 1.
    public static func readImages(images imagesPath: String, labels labelsPath: String?,
                                  shape: [Int]? = nil, classCount: Int? = nil, classNames: [String]? = nil,
                                  name: String) throws -> ImageDataset {
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
                               hint: labelsPath == nil ? "Pass the labels file too" : "")
        }
        let count = images.array.shape[0]
        guard labels.array.shape[0] == count else {
            throw DatasetError(path: labelFile, at: .member(labels.name, byteOffset: 0),
                               expected: "\(count) labels, one per image in \(imagesPath)",
                               found: "\(labels.array.shape[0]) labels")
        }
        let pixelCount = images.array.shape.dropFirst().reduce(1, *)
        let sampleShape = try imageShape(pixelCount: pixelCount,
                                         given: shape ?? (images.array.shape.count >= 3 ? Array(images.array.shape.dropFirst()) : nil),
                                         path: imagesPath, location: .member(images.name, byteOffset: 0))
        let labelValues = try validatedLabels(labels.array, classCount: classCount, path: labelFile, member: labels.name)
        let pixels: ImageStore.Pixels
        switch images.array.values {
        case .uint8(let bytes): pixels = .bytes(bytes)
        case .float(let floats): pixels = .floats(floats)
        case .integer(let ints):
            pixels = ints.allSatisfy { (0...255).contains($0) } ? .bytes(ints.map { UInt8($0) }) : .floats(ints.map { Float($0) })
        }
        let store = ImageStore(pixels: pixels, labels: labelValues, sampleShape: sampleShape)
        return ImageDataset(store: store, classCount: classCount ?? Int(labelValues.max() ?? 0) + 1,
                            classNames: classNames, name: name)
    }

    private static func validatedLabels(_ array: NumpyArray, classCount: Int?, path: String, member: String) throws -> [Int32] {
        let values: [Int64]
        switch array.values {
        case .uint8(let bytes): values = bytes.map(Int64.init)
        case .integer(let ints): values = ints
        case .float(let floats):
            if let bad = floats.firstIndex(where: { $0 != $0.rounded() || !$0.isFinite }) {
                throw DatasetError(path: path, at: .member(member, byteOffset: 0), expected: "whole-number labels",
                                   found: "\(floats[bad]) at index \(bad)")
            }
            values = floats.map { Int64($0) }
        }
        let limit = Int64(classCount ?? Int(Int32.max))
        if let bad = values.firstIndex(where: { $0 < 0 || $0 >= limit }) {
            throw DatasetError(path: path, at: .member(member, byteOffset: 0),
                               expected: classCount.map { "a label in 0...\($0 - 1)" } ?? "a label ≥ 0",
                               found: "\(values[bad]) at index \(bad)")
        }
        return values.map { Int32($0) }
    }
}
