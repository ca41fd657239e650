/// Settings that change how images become model inputs; each returns a new dataset sharing the pixels.
extension ImageDataset {
    /// Pixels scaled as given (applied lazily when batches are filled).
    public func scaled(_ scaling: PixelScaling) -> ImageDataset {
        var copy = self
        copy.scaling = scaling
        return copy
    }

    /// Scaled to zero mean and unit variance, using the mean and standard deviation of this
    /// dataset's 0...1-scaled pixels (or the ones given, e.g. the training set's for a test set).
    public func standardized(mean: Float? = nil, std: Float? = nil) -> ImageDataset {
        let stats = (mean != nil && std != nil) ? nil : pixelStatistics()
        return scaled(.standardized(mean: mean ?? stats!.mean, std: std ?? stats!.std))
    }

    /// Pixels become 0 or full intensity at `threshold` (a fraction of full intensity),
    /// so `.binarized().scaled(.symmetric)` gives exactly -1 and +1.
    public func binarized(threshold: Float = 0.5) -> ImageDataset {
        var copy = self
        copy.binarizeThreshold = threshold
        return copy
    }

    /// Random shifts of up to `maxShift` pixels and rotations of up to `maxRotation` degrees,
    /// drawn afresh for each batch. The seed makes the sequence of batches reproducible.
    public func augmented(maxShift: Int = 2, maxRotation: Double = 10, seed: UInt64? = nil) -> ImageDataset {
        var copy = self
        copy.augmentation = Augmentation(maxShift: maxShift, maxRotation: maxRotation, seed: seed)
        return copy
    }

    /// Without augmentation (e.g. for evaluation).
    public func withoutAugmentation() -> ImageDataset {
        var copy = self
        copy.augmentation = nil
        return copy
    }

    /// Mean and standard deviation of the pixels scaled to 0...1 (after binarising, if set),
    /// over this dataset's rows; non-finite values are skipped.
    public func pixelStatistics() -> (mean: Float, std: Float) {
        var sum = 0.0, squares = 0.0, n = 0
        let full = Double(store.fullIntensity)
        let cut = binarizeThreshold.map { Double($0) * full }
        forEachRawPixelRow { values in
            for v in values where v.isFinite {
                var x = Double(v)
                if let cut { x = x >= cut ? full : 0 }
                x /= full
                sum += x
                squares += x * x
                n += 1
            }
        }
        guard n > 0 else { return (0, 1) }
        let mean = sum / Double(n)
        return (Float(mean), Float(Swift.max(0, squares / Double(n) - mean * mean).squareRoot()))
    }

    /// Calls `body` with each image's raw values, in dataset order.
    func forEachRawPixelRow(_ body: (UnsafeBufferPointer<Float>) -> Void) {
        let size = store.sampleSize
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: size)
        defer { buffer.deallocate() }
        for row in rows {
            store.copy(row: row, to: buffer)
            body(UnsafeBufferPointer(start: buffer, count: size))
        }
    }
}
