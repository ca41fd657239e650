import Foundation
import Tensor

/// Records operations during a forward pass so `backward` can run their hand-written
/// derivatives in reverse order. A tape is reused across training steps: `reset` keeps its
/// arrays' capacity, so recording does not reallocate once warmed up.
public final class Tape {
    /// A recorded derivative. Kept in a struct rather than as the array's element itself: an array holds its
    /// elements at their most general representation, so appending a bare closure wrapped it in a conversion
    /// thunk, a heap allocation for every recorded op of every batch.
    private struct Step { let backward: (Tape) -> Void }
    private var backwards: [Step] = []
    private var inputs: [Variable] = []
    /// Number of the current backward pass, unique across all tapes in the process: a variable's
    /// gradient belongs to the pass whose number it carries, so variables can move between tapes.
    public private(set) var generation = 0
    private static var passes = 0
    private static let passLock = NSLock()

    public init() {}

    /// Number of recorded operations.
    public var count: Int { backwards.count }

    /// Forgets all recorded operations (keeping capacity).
    public func reset() {
        backwards.removeAll(keepingCapacity: true)
        inputs.removeAll(keepingCapacity: true)
    }

    /// Records one operation: the variables it reads, its output, and how to push the output's
    /// gradient into the inputs' gradients. Backward steps read `output.incomingGrad(tape)` and
    /// write through `accumulableGrad`/`writableGrad`, which zero lazily per pass.
    public func record(inputs: [Variable], output: Variable, backward: @escaping (Tape) -> Void) {
        for v in inputs where v.requiresGrad { self.inputs.append(v) }
        backwards.append(Step(backward: backward))
    }

    /// `record` for an op of two or three inputs, named one by one: no array of them is built for every batch.
    public func record(_ a: Variable, _ b: Variable, _ c: Variable?, output: Variable,
                       backward: @escaping (Tape) -> Void) {
        // one by one, not `for v in [a, b]`: where a caller grew past what escape analysis follows, that array was
        // a heap object every batch
        if a.requiresGrad { inputs.append(a) }
        if b.requiresGrad { inputs.append(b) }
        if let c, c.requiresGrad { inputs.append(c) }
        backwards.append(Step(backward: backward))
    }

    /// Seeds d(loss)/d(loss) = 1 and runs the recorded derivatives in reverse. Afterwards every
    /// recorded input that needs a gradient has one for this pass (zero if unreachable).
    public func backward(from loss: Variable) {
        Tape.passLock.lock(); Tape.passes += 1; generation = Tape.passes; Tape.passLock.unlock()
        let (seed, _) = loss.writableGrad(self)
        seed.update(repeating: 1, count: loss.value.count)
        for step in backwards.reversed() { step.backward(self) }
        for v in inputs where v.gradGeneration != generation { _ = v.accumulableGrad(self) }
    }
}

/// Errors from building or running a model; messages say what was expected and what to do.
public enum LearnError: Error, CustomStringConvertible {
    case shape(String)
    case invalidArgument(String)
    case nonFiniteLoss(epoch: Int, batch: Int, value: Float)
    case file(String)

    public var description: String {
        switch self {
        case .shape(let m), .invalidArgument(let m), .file(let m): return m
        case let .nonFiniteLoss(epoch, batch, value):
            return "loss became \(value) at epoch \(epoch), batch \(batch); training stopped and the last good weights "
                   + "were kept — lower the learning rate or check the inputs for NaN"
        }
    }
}
