import Tensor

/// A node of the computation: a value and (once backward has run) the gradient of the loss
/// with respect to it. Parameters, activations and inputs are all Variables.
public final class Variable {
    /// The forward value.
    public var value: Tensor
    /// d(loss)/d(value), same shape as `value`; allocated on first use and then reused.
    public var grad: Tensor
    /// Whether gradients should flow into this variable (false for data inputs).
    public var requiresGrad: Bool

    /// Wraps a value. Data inputs pass `requiresGrad: false` so their gradient is never computed.
    public init(_ value: Tensor, requiresGrad: Bool = true) {
        self.value = value
        self.requiresGrad = requiresGrad
        grad = Tensor(zeros: [0])
    }

    /// A zero-filled variable of the given shape.
    public convenience init(zeros shape: [Int], requiresGrad: Bool = true) {
        self.init(Tensor(zeros: shape), requiresGrad: requiresGrad)
    }

    /// Shape of the value.
    public var shape: [Int] { value.shape }

    /// Backward pass in which `grad` was last written (see `Tape.generation`).
    var gradGeneration = -1

    /// Makes `grad` match the value's shape (allocating only when the element count changes).
    func shapeGrad() {
        if grad.count != value.count { grad = Tensor(zeros: value.shape) }
        else if grad.shape != value.shape { try? grad.setShape(value.shape) }
    }

    /// Sets the gradient to zero (allocating it if needed).
    public func zeroGrad() {
        shapeGrad()
        grad.zero()
    }

    /// The gradient buffer for accumulation (+=) in the current backward pass; zeroed on the
    /// pass's first touch, so gradients never need a separate clearing sweep.
    public func accumulableGrad(_ tape: Tape) -> UnsafeMutablePointer<Float> {
        if gradGeneration != tape.generation {
            gradGeneration = tape.generation
            zeroGrad()
        }
        return grad.mutablePointer
    }

    /// The gradient buffer and whether this is the pass's first write; on a first write the
    /// caller must overwrite every element (e.g. SGEMM with beta = 0) instead of adding.
    public func writableGrad(_ tape: Tape) -> (pointer: UnsafeMutablePointer<Float>, first: Bool) {
        let first = gradGeneration != tape.generation
        if first { gradGeneration = tape.generation; shapeGrad() }
        return (grad.mutablePointer, first)
    }

    /// Adds `dy` (one value per element) to this pass's gradient; the pass's first write copies it, so
    /// no zeroing sweep comes first.
    public func receiveGrad(_ dy: UnsafePointer<Float>, _ tape: Tape) {
        let (g, first) = writableGrad(tape)
        if first { Kernels.copy(dy, into: g, count: value.count) } else {
            Kernels.accumulate(dy, into: g, count: value.count)
        }
    }

    /// The gradient flowing into this variable in the current pass, or nil if nothing
    /// downstream produced one (then it is zero and the backward step can be skipped).
    public func incomingGrad(_ tape: Tape) -> UnsafePointer<Float>? {
        gradGeneration == tape.generation ? grad.pointer : nil
    }

    /// Resizes the value to `shape`, keeping the buffer when the element count is unchanged.
    /// Used by preallocated layer outputs when the batch size changes.
    public func resize(to shape: [Int]) {
        if value.shape == shape { return }
        let count = shape.reduce(1, *), kept = keptCopy(shape)
        if count == value.count { try? value.setShape(kept) } else { value = Tensor(zeros: kept) }
    }
}

/// A fresh copy of a shape, for code that keeps one it was given. An array a callee may keep must live on the
/// heap, so the caller's literal (`[n, k]`, built every batch) would be allocated on every call; when only this
/// copy is kept, and only when the shape changes, the literal stays on the caller's stack.
func keptCopy(_ shape: [Int]) -> [Int] { shape.map { $0 } }

/// A learnable (or tracked) tensor of a layer, with the name it is saved under.
public struct Parameter {
    /// Name inside its layer, e.g. "kernel", "bias", "moving_mean".
    public let name: String
    /// The storage and gradient.
    public let variable: Variable
    /// False for statistics such as BatchNormalization's moving mean and variance.
    public let trainable: Bool
}
