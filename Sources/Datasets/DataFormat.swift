/// The file formats the readers understand.
public enum DataFormat: String, CaseIterable, Sendable {
    case idx, csv, npy, npz, bitmapText

    /// Guesses the format from the file name (`idx…ubyte`, `.csv`, `.npy`, `.npz`, `.txt`), then from its
    /// first bytes (after gunzip): `00 00 08` IDX, `\x93NUMPY` NPY, `PK\3\4` zip/NPZ; text with commas is CSV,
    /// other text bitmap text.
    public static func detect(path: String) throws -> DataFormat {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let bare = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        if bare.contains("idx") && bare.contains("ubyte") { return .idx }
        if bare.hasSuffix(".csv") { return .csv }
        if bare.hasSuffix(".npy") { return .npy }
        if bare.hasSuffix(".npz") { return .npz }
        if bare.hasSuffix(".txt") { return .bitmapText }
        let head = try openByteSource(path).readAvailable(upTo: 4096)
        if let format = sniff(head) { return format }
        let firstLine = head.prefix { $0 != 10 }
        guard isText(firstLine) else {
            throw DatasetError(path: path, at: .byteOffset(0),
                               expected: "an IDX, NPY, NPZ, CSV or bitmap text file",
                               found: "unrecognised binary data starting \(String(format2: Array(head.prefix(4))))",
                               hint: "Pass format: explicitly if the file is one of these")
        }
        return firstLine.contains(44) ? .csv : .bitmapText
    }
}

extension DataFormat {
    /// The binary format whose magic `head` starts with: `00 00 08` IDX, `\x93NUMPY` NPY, `PK\3\4` NPZ.
    static func sniff(_ head: [UInt8]) -> DataFormat? {
        if head.starts(with: [0, 0, 8]) { return .idx }
        if head.starts(with: NumpyHeader.magic) { return .npy }
        if head.starts(with: [0x50, 0x4B, 3, 4]) { return .npz }
        return nil
    }

    /// Whether a line of bytes reads as text (tabs, printable ASCII, UTF-8).
    static func isText(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 9 || $0 == 13 || (32...126).contains($0) || $0 >= 128 }
    }

    /// What a file that is not the format asked for looks like, and what to pass instead, e.g.
    /// "It looks like an IDX file; pass format: .idx or leave format out".
    static func lookalikeHint(_ head: [UInt8]) -> String {
        let advice = { (format: DataFormat, name: String) in
            "It looks like \(name); pass format: .\(format.rawValue) or leave format out"
        }
        if head.starts(with: [0x1f, 0x8b]) { return "It is gzip-compressed; decompress it first" }
        switch sniff(head) {
        case .idx?: return advice(.idx, "an IDX file")
        case .npy?: return advice(.npy, "an NPY file")
        case .npz?: return advice(.npz, "a zip archive (NPZ)")
        default:
            let firstLine = head.prefix { $0 != 10 }
            guard !head.isEmpty, isText(firstLine) else { return "Check that the path names the data file" }
            return firstLine.contains(44) ? advice(.csv, "a CSV text file") : advice(.bitmapText, "a text file")
        }
    }
}

/// Options for ``load(_:format:options:)``; each reader uses the ones that apply to it.
public struct LoadOptions: Sendable {
    /// Labels in a separate file (IDX, NPY/NPZ); `nil`: the companion file next to the images
    /// (`…images-idx3…` → `…labels-idx1…`, `…imgs…` → `…labels…`).
    public var labelsPath: String?
    /// CSV/text: which column is the label; `nil`: found when certain, else an error asking for it.
    public var labelColumn: LabelColumn?
    /// CSV/text: the label is this many one-hot columns at the end of each row (start with `.first`).
    public var oneHotLabels: Int?
    /// CSV: whether the first row is a header (`nil`: detected).
    public var hasHeader: Bool?
    /// Image shape `[H, W]` or `[H, W, C]`, when the file does not give it.
    public var shape: [Int]?
    /// Declared number of classes; labels outside `0..<classCount` are errors.
    public var classCount: Int?
    /// Class names.
    public var classNames: [String]?
    /// The raw value of full intensity (e.g. 1 for a 0/1 bitmap); `nil`: from the data.
    public var intensity: Float?

    /// All options default to "infer from the file".
    public init(labelsPath: String? = nil, labelColumn: LabelColumn? = nil, oneHotLabels: Int? = nil,
                hasHeader: Bool? = nil, shape: [Int]? = nil, classCount: Int? = nil, classNames: [String]? = nil,
                intensity: Float? = nil) {
        self.labelsPath = labelsPath
        self.labelColumn = labelColumn
        self.oneHotLabels = oneHotLabels
        self.hasHeader = hasHeader
        self.shape = shape
        self.classCount = classCount
        self.classNames = classNames
        self.intensity = intensity
    }
}

/// Loads a user's image file in any supported format (detected when `format` is nil).
public func load(_ path: String, format: DataFormat? = nil,
                 options: LoadOptions = LoadOptions()) throws -> ImageDataset {
    if let intensity = options.intensity, !(intensity > 0 && intensity.isFinite) {
        throw DatasetError.argument(expected: "a full intensity above 0, such as 1 or 255", found: "\(intensity)")
    }
    let data = try read(path, format: format, options: options)
    return options.intensity.map(data.withFullIntensity) ?? data
}

/// ``load(_:format:options:)`` before a given full intensity is applied.
private func read(_ path: String, format: DataFormat?, options: LoadOptions) throws -> ImageDataset {
    let name = baseName(path)
    let path = try DataFiles.authorized(path)
    try DataFiles.checkReadableFile(path)
    try ClassLimit.check(declared: options.classCount, path: path)
    switch try format ?? DataFormat.detect(path: path) {
    case .idx:
        // A file that is not IDX says so before its labels file is looked for.
        _ = try IDXReader.readHeader(openByteSource(path))
        let labels = try options.labelsPath ?? companionLabelsPath(for: path)
        return try IDXReader.readImages(images: path, labels: labels, classCount: options.classCount,
                                        classNames: options.classNames, name: name)
    case .npy, .npz:
        var labels = options.labelsPath
        if labels == nil, try NumpyReader.arrays(path: path).count < 2 { labels = try companionLabelsPath(for: path) }
        return try NumpyReader.readImages(images: path, labels: labels, shape: options.shape,
                                          classCount: options.classCount, classNames: options.classNames, name: name)
    case .csv:
        let csv = CSVOptions(hasHeader: options.hasHeader, labelColumn: options.labelColumn,
                             oneHotLabels: options.oneHotLabels, shape: options.shape,
                             classCount: options.classCount, classNames: options.classNames)
        return try CSVReader.read(path: path, options: csv, name: name)
    case .bitmapText:
        let text = BitmapTextOptions(labelColumn: options.labelColumn, oneHotLabels: options.oneHotLabels,
                                     shape: options.shape, classCount: options.classCount,
                                     classNames: options.classNames)
        return try BitmapTextReader.read(path: path, options: text, name: name)
    }
}

/// The labels file that conventionally sits next to an images file.
func companionLabelsPath(for imagesPath: String) throws -> String {
    let replacements = [("images-idx3", "labels-idx1"), ("images.idx3", "labels.idx1"), ("-imgs", "-labels"),
                        ("_imgs", "_labels"), ("images", "labels"), ("imgs", "labels")]
    var tried: [String] = []
    let directoryEnd = imagesPath.lastIndex(of: "/").map { imagesPath.index(after: $0) } ?? imagesPath.startIndex
    let directory = String(imagesPath[..<directoryEnd]), file = String(imagesPath[directoryEnd...])
    for (from, to) in replacements where file.contains(from) {
        let candidate = directory + file.replacingFirst(from, with: to)
        if DataFiles.exists(candidate) { return candidate }
        tried.append(candidate)
    }
    throw DatasetError(path: imagesPath, expected: "a labels file next to the images",
                       found: tried.isEmpty
                           ? "no name to derive it from" : "none (tried \(tried.joined(separator: ", ")))",
                       hint: "Pass the labels file explicitly, e.g. Datasets.load(images, labels: \"labels.npy\")")
}

extension String {
    /// This string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
