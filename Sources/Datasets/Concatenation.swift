import RunLimits

/// Several image datasets joined into one (`a + b`, `Dataset.concatenate([a, b, c])`).
extension ImageDataset {
    /// The images of `parts`, in order, as one dataset with new storage. The parts must agree on
    /// image shape, class names (one may have fewer classes, named alike), full intensity and
    /// per-batch settings (scaling, binarising, augmentation, resizing): a mismatch is an error
    /// naming both values, never a silent choice.
    public static func concatenated(_ parts: [ImageDataset]) throws -> ImageDataset {
        guard let first = parts.first else {
            throw DatasetError.argument(expected: "at least one dataset to join", found: "an empty list")
        }
        for (index, part) in parts.enumerated().dropFirst() {
            try first.checkJoinable(part, index: index)
        }
        let total = parts.reduce(0) { $0 + $1.count }, size = first.store.sampleSize
        let allBytes = parts.allSatisfy { if case .bytes = $0.store.pixels { return true } else { return false } }
        try RunBudget.shared.reserve(ByteCount.product(total * size, allBytes ? 1 : 4), for: "the joined images")
        var floats: [Float] = [], bytes: [UInt8] = [], labels: [Int32] = []
        if allBytes { bytes.reserveCapacity(total * size) } else { floats.reserveCapacity(total * size) }
        labels.reserveCapacity(total)
        for part in parts {
            for row in part.rows {
                let range = row * size..<(row + 1) * size
                switch part.store.pixels {
                case .bytes(let values) where allBytes: bytes += values[range]
                case .bytes(let values): floats += values[range].map(Float.init)
                case .floats(let values): floats += values[range]
                }
                labels.append(part.store.labels[row])
            }
        }
        let store = ImageStore(pixels: allBytes ? .bytes(bytes) : .floats(floats), labels: labels,
                               sampleShape: first.store.sampleShape, fullIntensity: first.store.fullIntensity)
        let names = parts.map(\.classNames).max { $0.count < $1.count } ?? first.classNames
        var joined = ImageDataset(store: store, classCount: names.count, classNames: names,
                                  name: parts.map(\.name).joined(separator: " + "))
        (joined.scaling, joined.binarizeThreshold) = (first.scaling, first.binarizeThreshold)
        (joined.augmentation, joined.geometry) = (first.augmentation, first.geometry)
        return joined
    }

    private static let hints = ["image shape": "Resize one of them with resized(to:) first", "class names": "",
                                "full intensity": "Give both the same intensity: when loading or making them"]

    /// Throws unless `other` (the `index`-th part) can be joined to this dataset.
    private func checkJoinable(_ other: ImageDataset, index: Int) throws {
        let what = "dataset \(index + 1) ('\(other.name)')"
        let checks: [(String, String, String)] = [
            ("image shape", "\(store.sampleShape)", "\(other.store.sampleShape)"),
            // One part may lack the last classes (a variant made of class 0 only): its names are a prefix.
            ("class names", "\(classNames)", other.classNames.starts(with: classNames)
                || classNames.starts(with: other.classNames) ? "\(classNames)" : "\(other.classNames)"),
            ("full intensity", "\(store.fullIntensity)", "\(other.store.fullIntensity)"),
            ("scaling", "\(scaling)", "\(other.scaling)"),
            ("binarising", "\(binarizeThreshold.map { "\($0)" } ?? "none")",
             "\(other.binarizeThreshold.map { "\($0)" } ?? "none")"),
            ("augmentation", augmentation.map { "\($0.maxShift), \($0.maxRotation)" } ?? "none",
             other.augmentation.map { "\($0.maxShift), \($0.maxRotation)" } ?? "none"),
            ("resizing", "\(sampleShape)", "\(other.sampleShape)"),
        ]
        for (property, mine, theirs) in checks where mine != theirs {
            throw DatasetError.argument(expected: "datasets with the same \(property) to join ('\(name)': \(mine))",
                                        found: "\(theirs) in \(what)",
                                        hint: Self.hints[property]
                                            ?? "Join the datasets first, then apply \(property) once")
        }
    }
}
