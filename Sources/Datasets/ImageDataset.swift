import CKernels
import Randomness
/// A labelled image dataset: a view (a list of rows) onto shared ``ImageStore`` storage plus the
/// per-batch conversion settings (scaling, binarising, augmentation).
///
/// Transforms such as ``split(_:stratified:shuffle:seed:)`` or ``balanced(_:seed:)`` only
/// rearrange rows, so they cost 8 bytes per sample, never a copy of the pixels.
/// Its `count`, `sampleShape`, `classCount` and `fillBatch` are the engine's `LabeledBatches`
/// protocol, which it adopts in Prelude (Datasets does not depend on Learn).
public struct ImageDataset: Sendable {
    /// Shared pixels and labels.
    public private(set) var store: ImageStore
    /// The store rows this dataset contains, in order (may repeat after oversampling).
    public private(set) var rows: [Int]
    /// Number of classes; labels are `0..<classCount`.
    public let classCount: Int
    /// A readable name per class (`"0"`…`"9"` when the file gives none).
    public var classNames: [String]
    /// Where the data came from, e.g. `"fashion-mnist train"`.
    public var name: String
    /// How raw pixels are turned into model inputs (default: 0...1).
    public var scaling: PixelScaling = .unit
    /// When set, a pixel becomes full intensity if `raw / full >= threshold`, else 0 (before scaling).
    public var binarizeThreshold: Float? = nil
    /// When set, random shifts/rotations applied per batch.
    public var augmentation: Augmentation? = nil
    /// When set, images are resized or given three channels per batch (last, after scaling).
    public var geometry: ImageGeometry? = nil

    /// A dataset over every row of `store`.
    public init(store: ImageStore, classCount: Int, classNames: [String]? = nil, name: String) {
        self.store = store
        self.rows = Array(0..<store.count)
        self.classCount = classCount
        self.classNames = classNames ?? (0..<classCount).map(String.init)
        self.name = name
    }

    /// Number of images.
    public var count: Int { rows.count }
    /// Shape of one image as the model sees it, HWC, e.g. `[28, 28, 1]` (`[32, 32, 3]` after
    /// `resized(to: [32, 32]).rgb()`; the store keeps its own shape).
    public var sampleShape: [Int] { geometry.map { [$0.height, $0.width, $0.channels] } ?? store.sampleShape }
    /// The labels, in dataset order.
    public var labels: [Int32] { rows.map { store.labels[$0] } }
    /// Label of image `index`.
    public func label(at index: Int) -> Int { Int(store.labels[rows[index]]) }

    /// The same settings over other rows of the same store.
    public func selecting(rows newRows: [Int]) -> ImageDataset {
        var copy = self
        copy.rows = newRows
        return copy
    }

    /// The same images and settings with `value` as the raw value of full intensity (e.g. 1 for a
    /// bitmap of ones and zeros). The pixel arrays are shared, not copied.
    public func withFullIntensity(_ value: Float) -> ImageDataset {
        var copy = self
        copy.store = ImageStore(pixels: store.pixels, labels: store.labels, sampleShape: store.sampleShape,
                                fullIntensity: value)
        return copy
    }

    /// Image `index` as model inputs (scaled, binarised, resized; not augmented).
    public func image(at index: Int) -> [Float] {
        var values = [Float](repeating: 0, count: sampleShape.reduce(1, *))
        var label: Int32 = 0
        values.withUnsafeMutableBufferPointer { buffer in
            withoutAugmentation().fillBatch(indices: [index], inputs: buffer.baseAddress!, labels: &label)
        }
        return values
    }

    /// Writes images `indices` (positions in this dataset) into `inputs` as `[batch] + sampleShape`
    /// floats, augmented, binarised, scaled and resized as configured, and their labels into `labels`.
    /// `inputs` must hold `indices.count` images of `sampleShape`, `labels` `indices.count` values.
    public func fillBatch(indices: ArraySlice<Int>, inputs: UnsafeMutablePointer<Float>,
                          labels: UnsafeMutablePointer<Int32>) {
        let size = store.sampleSize, outputSize = sampleShape.reduce(1, *)
        let (scale, shift) = scaling.affine(fullIntensity: store.fullIntensity)
        // Without augmentation, binarising or resizing, a batch is a gather of scaled rows (one C call).
        if augmentation == nil && binarizeThreshold == nil && geometry == nil {
            withUnsafeTemporaryAllocation(of: Int.self, capacity: indices.count) { batchRows in
                for (k, index) in indices.enumerated() {
                    batchRows[k] = rows[index]
                    labels[k] = store.labels[rows[index]]
                }
                store.copy(rows: UnsafeBufferPointer(batchRows), to: inputs, scale: scale, shift: shift)
            }
            return
        }
        var generator = SplitMix64(seed: augmentation?.random.nextSeed() ?? 0)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: augmentation == nil ? 1 : size)
        // A resized image is converted at its stored size first, then resampled into the batch.
        let staging = geometry == nil ? nil : UnsafeMutablePointer<Float>.allocate(capacity: size)
        defer { scratch.deallocate(); staging?.deallocate() }
        // Without augmentation or binarising, scaling is a per-pixel affine map done while copying.
        let scalesWhileCopying = augmentation == nil && binarizeThreshold == nil
        for (k, index) in indices.enumerated() {
            let row = rows[index]
            let destination = inputs + k * outputSize
            let raw = staging ?? destination
            if scalesWhileCopying {
                store.copy(row: row, to: raw, scale: scale, shift: shift)
            } else {
                store.copy(row: row, to: raw)
                augmentation?.apply(to: raw, shape: store.sampleShape, scratch: scratch, generator: &generator)
                convert(raw, count: size)
            }
            geometry?.apply(from: raw, shape: store.sampleShape, to: destination)
            labels[k] = store.labels[row]
        }
    }

    /// Raw values → binarised → scaled, in place.
    private func convert(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let full = store.fullIntensity
        if let threshold = binarizeThreshold {
            let cut = threshold * full
            for i in 0..<count { values[i] = values[i] >= cut ? full : 0 }
        }
        let (scale, shift) = scaling.affine(fullIntensity: full)
        if scale == 1 && shift == 0 { return }
        folio_floats_affine(count, values, values, scale, shift)
    }
}

/// A dataset's standard splits, e.g. Fashion-MNIST's 60k train and 10k test images.
public struct ImageSplits: Sendable {
    /// Training images.
    public var train: ImageDataset
    /// Test images (nil when the source has only one set).
    public var test: ImageDataset?

    /// Splits from their datasets.
    public init(train: ImageDataset, test: ImageDataset?) {
        self.train = train
        self.test = test
    }

    /// The splits that exist, named: `[("train", …), ("test", …)]`.
    public var named: [(name: String, data: ImageDataset)] {
        [("train", train)] + (test.map { [("test", $0)] } ?? [])
    }
}

extension ImageDataset {
    /// A dataset from in-memory arrays (`pixels` row-major `[count] + sampleShape`), validated:
    /// the sizes must agree and labels must lie in `0..<classCount` (default: largest label + 1).
    public init(pixels: ImageStore.Pixels, labels: [Int32], sampleShape: [Int], classCount: Int? = nil,
                classNames: [String]? = nil, name: String) throws {
        let sampleSize = sampleShape.reduce(1, *)
        let valueCount: Int
        switch pixels {
        case .bytes(let b): valueCount = b.count
        case .floats(let f): valueCount = f.count
        }
        guard sampleShape.count == 3, sampleShape.allSatisfy({ $0 > 0 }), valueCount == labels.count * sampleSize else {
            throw DatasetError.argument(expected: "\(labels.count) images of shape [height, width, channels] "
                                            + "(\(labels.count * Swift.max(sampleSize, 0)) values)",
                                        found: "\(valueCount) values for shape \(sampleShape)")
        }
        try ClassLimit.check(declared: classCount, path: "")
        if classCount == nil, let bad = labels.firstIndex(where: { Int($0) >= ClassLimit.maximum }) {
            throw ClassLimit.tooLarge("\(labels[bad])", path: "", at: .file, column: " at index \(bad)")
        }
        // Named classes say how many there are, even when the labels at hand miss the last ones.
        let classes = classCount ?? classNames?.count ?? Int(labels.max() ?? 0) + 1
        if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= classes }) {
            throw DatasetError.argument(expected: "labels in 0...\(classes - 1)",
                                        found: "\(labels[bad]) at index \(bad)")
        }
        if let classNames, classNames.count != classes {
            throw DatasetError.argument(expected: "\(classes) class names", found: "\(classNames.count)")
        }
        self.init(store: ImageStore(pixels: pixels, labels: labels, sampleShape: sampleShape),
                  classCount: classes, classNames: classNames, name: name)
    }

    /// Up to `perClass` positions of each class, in dataset order (for sample-image grids).
    public func examples(perClass: Int) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: classCount)
        for position in 0..<count {
            let label = label(at: position)
            if label < classCount && groups[label].count < perClass { groups[label].append(position) }
        }
        return groups
    }
}
