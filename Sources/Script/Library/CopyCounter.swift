#if DEBUG
/// Counts arrays copied by a write through a subscript (`xs[i] = …`), which should happen only
/// when the array really is shared (`let ys = xs; xs[0] = 1`). A write into a variable's own array
/// that copies it anyway turns a loop over its elements quadratic; tests check this counter
/// instead of timing such loops. Debug builds only.
enum CopyCounter {
    nonisolated(unsafe) static var arrayCopies = 0

    /// The address of an array's element storage, to compare before and after a write.
    @inline(__always) static func storage(of xs: borrowing [Value]) -> UnsafeRawPointer? {
        xs.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// Counts a copy when the write moved `xs` to new storage.
    @inline(__always) static func note(_ before: UnsafeRawPointer?, _ xs: borrowing [Value]) {
        if storage(of: xs) != before { arrayCopies += 1 }
    }
}
#endif
