import RunLimits

/// Images as plain rows of numbers, both ways: a cell reads a dataset's pixels, changes them
/// (adds noise or clutter), and makes a dataset of the result.
extension ImageDataset {
    /// A dataset of `rows` (one image per row, `shape` `[H, W]` or `[H, W, C]` multiplied out) and
    /// their labels. Whole numbers 0…255 are kept as bytes, anything else as floats; full intensity
    /// is `intensity` when given, else found from the values (see ``ImageStore/fullIntensity``).
    public init(rows: [[Double]], labels: [Int], shape: [Int], classCount: Int? = nil, classNames: [String]? = nil,
                intensity: Float? = nil, name: String = "data") throws {
        let sampleShape = shape.count == 2 ? shape + [1] : shape
        guard sampleShape.count == 3, sampleShape.allSatisfy({ $0 > 0 }) else {
            throw DatasetError.argument(expected: "a shape [height, width] or [height, width, channels]",
                                        found: "\(shape)")
        }
        guard rows.count == labels.count else {
            throw DatasetError.argument(expected: "one label per image (\(rows.count))",
                                        found: "\(labels.count) labels")
        }
        let size = sampleShape.reduce(1, *)
        if let bad = rows.firstIndex(where: { $0.count != size }) {
            throw DatasetError.argument(expected: "\(size) values per image for shape \(shape)",
                                        found: "\(rows[bad].count) in image \(bad)")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= ClassLimit.maximum }) {
            throw DatasetError.argument(expected: "labels from 0 to \(ClassLimit.maximum - 1)",
                                        found: "\(labels[bad]) at index \(bad)")
        }
        if let intensity, !(intensity > 0 && intensity.isFinite) {
            throw DatasetError.argument(expected: "a full intensity above 0", found: "\(intensity)")
        }
        let bytes = rows.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 <= 255 && $0 == $0.rounded() } }
        try RunBudget.shared.reserve(ByteCount.product(rows.count * size, bytes ? 1 : 4), for: "the images")
        let pixels: ImageStore.Pixels = bytes ? .bytes(rows.flatMap { $0.map { UInt8($0) } })
            : .floats(rows.flatMap { $0.map { Float($0) } })
        try self.init(pixels: pixels, labels: labels.map { Int32($0) }, sampleShape: sampleShape,
                      classCount: classCount, classNames: classNames, name: name)
        if let intensity { self = withFullIntensity(intensity) }
    }

    /// The stored pixels of the images at `positions`, one row each, in the store's own scale
    /// (0…255 for bytes, 0/1 for a bitmap of ones and zeros) and shape: before scaling, binarising,
    /// augmentation and resizing, so that ``init(rows:labels:shape:classCount:classNames:intensity:name:)``
    /// makes the same images again.
    public func pixelRows(_ positions: Range<Int>) throws -> [[Double]] {
        guard positions.lowerBound >= 0, positions.upperBound <= count else {
            throw DatasetError.argument(expected: "positions within 0..<\(count)", found: "\(positions)")
        }
        // Doubles in a cell take 24 bytes a value (the language's Value), so reserve for that.
        try RunBudget.shared.reserve(ByteCount.product(positions.count * store.sampleSize, 24),
                                     for: "the pixels of \(positions.count) images")
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: store.sampleSize)
        defer { buffer.deallocate() }
        return positions.map { position in
            store.copy(row: rows[position], to: buffer)
            return (0..<store.sampleSize).map { Double(buffer[$0]) }
        }
    }
}
