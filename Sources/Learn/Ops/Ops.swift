import Tensor

/// Differentiable operations. Each takes its inputs, an optional preallocated output (reused
/// across steps so training does not allocate), and an optional tape; when a tape is given the
/// op records its hand-written backward, which sits right below the forward in each file.
public enum Ops {
    /// Returns `out` resized to `shape` (or a fresh variable) flagged as needing gradients when
    /// any input does.
    static func prepare(_ out: Variable?, shape: [Int], inputs: [Variable]) -> Variable {
        prepare(out, shape: shape, requiresGrad: inputs.contains { $0.requiresGrad })
    }

    /// `prepare` with the inputs' need of a gradient given, for ops that name their inputs one by one.
    static func prepare(_ out: Variable?, shape: [Int], requiresGrad: Bool) -> Variable {
        let y = out ?? Variable(zeros: keptCopy(shape))
        y.resize(to: shape)
        y.requiresGrad = requiresGrad
        return y
    }

    /// `prepare` for an output shaped like x with its last dimension replaced by `last` (a dense layer's): the
    /// shape is built only when `out` does not already have it.
    static func prepare(_ out: Variable?, like x: Variable, last: Int, requiresGrad: Bool) -> Variable {
        if let out, let current = out.shape.last, current == last, out.shape.count == x.shape.count,
           out.shape.dropLast().elementsEqual(x.shape.dropLast()) {
            out.requiresGrad = requiresGrad
            return out
        }
        return prepare(out, shape: Array(x.shape.dropLast()) + [last], requiresGrad: requiresGrad)
    }

    /// Reuses `buffer` if it already holds `count` elements, else allocates a new one.
    static func ensure(_ buffer: inout Tensor, shape: [Int]) {
        if buffer.shape == shape { return }  // every batch after the first
        if buffer.count != shape.reduce(1, *) { buffer = Tensor(zeros: keptCopy(shape)) }
        else { try? buffer.setShape(keptCopy(shape)) }
    }

    /// `ensure` for a [rows, columns] buffer that builds the shape's array only when the shape changes: a literal
    /// shape is a heap array wherever escape analysis gives up on a large function (the convolutions' backward
    /// passes, which the allocation census caught).
    static func ensure(_ buffer: inout Tensor, rows: Int, columns: Int) {
        let shape = buffer.shape
        if shape.count == 2, shape[0] == rows, shape[1] == columns { return }
        ensure(&buffer, shape: [rows, columns])
    }
}

/// Scratch buffers an op keeps between steps (im2col columns, pooling argmax, dropout masks,
/// batch-norm statistics, softmax probabilities). One per layer; sized on first use.
public final class Workspace {
    /// Scratch buffers; each op documents what it keeps in which (e.g. conv: a = im2col columns,
    /// b = pre-activation; batch norm: a = x̂, b = batch statistics, c = backward sums).
    public var a = Tensor(zeros: [0]), b = Tensor(zeros: [0]), c = Tensor(zeros: [0]), d = Tensor(zeros: [0])
    /// A convolution's Winograd kernel or gradient sums and its scratch areas (`WinogradPlan`).
    public var winograd = Tensor(zeros: [0])
    /// Integer scratch (pooling argmax offsets, cross-entropy labels).
    public var indices: [Int32] = []
    public init() {}

    func indices(count: Int) {
        if indices.count != count { indices = [Int32](repeating: 0, count: count) }
    }
}
