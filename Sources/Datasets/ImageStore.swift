import CKernels
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
    /// The raw value that means "full intensity", which every scaling divides by: given to the
    /// reader (`intensity:`), or else from the data — 1 for images of only 0s and 1s (a bitmap
    /// stored as ones and zeros), 255 for other bytes, and for floats the larger of 1 and their maximum.
    public let fullIntensity: Float
    /// Where ``fullIntensity`` came from, for ``ImageDataset/check(split:)``.
    public let intensitySource: String

    /// Wraps already-validated storage; `pixels` must hold `labels.count * sampleSize` values.
    /// `fullIntensity` (if given) must be positive.
    init(pixels: Pixels, labels: [Int32], sampleShape: [Int], fullIntensity: Float? = nil) {
        self.pixels = pixels
        self.labels = labels
        self.sampleShape = sampleShape
        self.sampleSize = sampleShape.reduce(1, *)
        if let fullIntensity {
            (self.fullIntensity, intensitySource) = (fullIntensity, "given")
        } else {
            (self.fullIntensity, intensitySource) = Self.intensity(of: pixels)
        }
    }

    /// Full intensity as the data shows it, and why.
    private static func intensity(of pixels: Pixels) -> (Float, String) {
        switch pixels {
        case .bytes(let values):
            // Real images have a value above 1 within their first rows, so this rarely scans far.
            return values.contains(where: { $0 > 1 }) ? (255, "bytes") : (1, "only 0s and 1s")
        case .floats(let values):
            let largest = values.lazy.filter { $0.isFinite }.max() ?? 1
            return largest <= 1 ? (1, "values within 0…1") : (largest, "the largest value")
        }
    }

    /// Storage exactly as a snapshot recorded it (the cache's restore): nothing is recomputed.
    public init(restoring pixels: Pixels, labels: [Int32], sampleShape: [Int], fullIntensity: Float,
                intensitySource: String) {
        self.pixels = pixels
        self.labels = labels
        self.sampleShape = sampleShape
        self.sampleSize = sampleShape.reduce(1, *)
        self.fullIntensity = fullIntensity
        self.intensitySource = intensitySource
    }

    /// Number of images stored.
    public var count: Int { labels.count }

    /// Copies image `row` to `destination[0..<sampleSize]` as `raw·scale + shift` (raw values by default),
    /// in one vectorised pass (CKernels).
    func copy(row: Int, to destination: UnsafeMutablePointer<Float>, scale: Float = 1, shift: Float = 0) {
        let start = row * sampleSize
        switch pixels {
        case .bytes(let bytes):
            bytes.withUnsafeBufferPointer { source in
                folio_bytes_to_floats(sampleSize, source.baseAddress! + start, destination, scale, shift)
            }
        case .floats(let floats):
            floats.withUnsafeBufferPointer { source in
                if scale == 1 && shift == 0 {
                    destination.update(from: source.baseAddress! + start, count: sampleSize)
                } else {
                    folio_floats_affine(sampleSize, source.baseAddress! + start, destination, scale, shift)
                }
            }
        }
    }

    /// Copies images `rows` one after another to `destination` (`rows.count · sampleSize` values), each
    /// as `raw·scale + shift`; stored bytes go through one C call that prefetches the next image.
    func copy(rows: UnsafeBufferPointer<Int>, to destination: UnsafeMutablePointer<Float>, scale: Float, shift: Float) {
        guard case .bytes(let bytes) = pixels else {
            for (k, row) in rows.enumerated() {
                copy(row: row, to: destination + k * sampleSize, scale: scale, shift: shift)
            }
            return
        }
        bytes.withUnsafeBufferPointer { source in
            folio_gather_bytes_to_floats(rows.count, rows.baseAddress!, source.baseAddress!, sampleSize, destination,
                                         scale, shift)
        }
    }
}
