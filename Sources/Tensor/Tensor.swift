// A Float32, row-major, contiguous n-d array over one buffer.
//
// Semantics: `Tensor` is a value (struct) over a class-backed buffer with copy-on-write.
// Why: value semantics make tensors safe to hand to users (a returned prediction never changes
// under them), while copy-on-write keeps the training loop allocation-free — the engine's own
// buffers are uniquely referenced, so writing into them through `mutablePointer` never copies.

/// The heap buffer behind one or more `Tensor` values.
public final class TensorStorage {
    /// Start of the buffer (64-byte aligned so vector loads never straddle cache lines).
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of Float elements.
    public let count: Int

    /// Allocates `count` zeroed floats.
    public init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }
}

/// A Float32 n-dimensional array, row-major and contiguous.
public struct Tensor: CustomStringConvertible {
    /// The dimensions, outermost first (e.g. `[N, H, W, C]`).
    public private(set) var shape: [Int]
    /// The buffer; shared between copies until one of them writes.
    public private(set) var storage: TensorStorage

    /// A tensor of zeros. Negative dimensions count as 0 (use `init(shape:scalars:)` to have
    /// them rejected with an error).
    public init(zeros shape: [Int]) {
        self.shape = shape
        storage = TensorStorage(count: shape.reduce(1) { $0 * max($1, 0) })
    }

    /// A tensor filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        self.init(zeros: shape)
        if value != 0 { storage.pointer.update(repeating: value, count: count) }
    }

    /// A tensor from row-major scalars; throws if their number does not match the shape.
    public init(shape: [Int], scalars: [Float]) throws {
        let expected = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidShape(shape, reason: "dimensions must be non-negative")
        }
        guard expected == scalars.count else {
            throw TensorError.countMismatch(shape: shape, expected: expected, found: scalars.count)
        }
        self.init(zeros: shape)
        scalars.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: expected) }
    }

    /// Number of elements.
    @inlinable public var count: Int { storage.count }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// Read-only pointer to the elements.
    @inlinable public var pointer: UnsafePointer<Float> { UnsafePointer(storage.pointer) }

    /// Writable pointer to the elements; copies the buffer first if another tensor shares it.
    public var mutablePointer: UnsafeMutablePointer<Float> {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) {
                let fresh = TensorStorage(count: storage.count)
                fresh.pointer.update(from: storage.pointer, count: storage.count)
                storage = fresh
            }
            return storage.pointer
        }
    }

    /// The elements as an array (copies).
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// Element at a flat (row-major) index, or an error naming the valid range.
    public func scalar(at index: Int) throws -> Float {
        guard index >= 0 && index < count else {
            throw TensorError.invalidShape(shape, reason: "flat index \(index) is outside 0..<\(count)")
        }
        return storage.pointer[index]
    }

    /// Element at a flat (row-major) index. Unchecked for speed: the index must be in 0..<count
    /// (use `scalar(at:)` for a checked read).
    public subscript(flat index: Int) -> Float {
        get { storage.pointer[index] }
        set { mutablePointer[index] = newValue }
    }

    /// The same elements viewed with another shape; throws if the element counts differ.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        guard newShape.reduce(1, *) == count, newShape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidShape(newShape, reason: "cannot reshape \(shape) (\(count) elements) to it")
        }
        var copy = self
        copy.shape = newShape
        return copy
    }

    /// Changes the shape in place without touching the buffer (element count must match).
    public mutating func setShape(_ newShape: [Int]) throws {
        self = try reshaped(newShape)
    }

    /// An independent copy of the buffer.
    public func copy() -> Tensor {
        let t = Tensor(zeros: shape)
        t.storage.pointer.update(from: storage.pointer, count: count)
        return t
    }

    /// Sets every element to zero (in place).
    public mutating func zero() {
        mutablePointer.update(repeating: 0, count: count)
    }

    /// Copies the elements of `other` (same element count) into this tensor.
    public mutating func assign(_ other: Tensor) throws {
        guard other.count == count else {
            throw TensorError.countMismatch(shape: shape, expected: count, found: other.count)
        }
        mutablePointer.update(from: other.pointer, count: count)
    }

    public var description: String {
        let preview = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
