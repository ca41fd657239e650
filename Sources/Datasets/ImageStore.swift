/// The pixels and labels a reader produced, shared (never copied) by every view of a dataset.
///
/// Images stay in their file's element type: `UInt8` for IDX, most CSV and NPY files (the
/// full Fashion-MNIST costs ~55 MB this way), `Float` only when the file holds fractional
/// or large values. Conversion to `Float` happens per batch in ``ImageDataset/fillBatch(indices:inputs:labels:)``.
public final class ImageStore: @unchecked Sendable {
    /// Pixel storage, row-major `[count, height, width, channels]`.
    public enum Pixels {
        case bytes([UInt8])
        case floats([Float])
    }

    /// All images, one after another.
    public let pixels: Pixels
    /// One label per image, `0..<classCount`.
    public let labels: [Int32]
    /// Shape of one image in HWC order, e.g. `[28, 28, 1]`.
    public let sampleShape: [Int]
    /// Values per image (`sampleShape` multiplied out).
    public let sampleSize: Int
    /// The value that means "full intensity": 255 for bytes; for floats the larger of 1 and the data's maximum.
    public let pixelMax: Float

    /// Wraps already-validated storage; `pixels` must hold `labels.count * sampleSize` values.
    init(pixels: Pixels, labels: [Int32], sampleShape: [Int]) {
        self.pixels = pixels
        self.labels = labels
        self.sampleShape = sampleShape
        self.sampleSize = sampleShape.reduce(1, *)
        switch pixels {
        case .bytes: pixelMax = 255
        case .floats(let values):
            let largest = values.lazy.filter { $0.isFinite }.max() ?? 1
            pixelMax = Swift.max(1, largest)
        }
    }

    /// Number of images stored.
    public var count: Int { labels.count }

    /// Copies image `row` as raw `Float` values (no scaling) to `destination[0..<sampleSize]`.
    func copyRaw(row: Int, to destination: UnsafeMutablePointer<Float>) {
        let start = row * sampleSize
        switch pixels {
        case .bytes(let bytes):
            bytes.withUnsafeBufferPointer { source in
                let base = source.baseAddress! + start
                for i in 0..<sampleSize { destination[i] = Float(base[i]) }
            }
        case .floats(let floats):
            floats.withUnsafeBufferPointer { source in
                destination.update(from: source.baseAddress! + start, count: sampleSize)
            }
        }
    }
}
