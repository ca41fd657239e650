import Tensor

/// Updates trainable parameters from their gradients. State (momenta) is kept per parameter
/// and allocated on the first step only.
public protocol Optimizer: AnyObject {
    /// Current learning rate; schedules and callbacks change it between epochs.
    var learningRate: Float { get set }
    /// One update of every trainable parameter from its `grad`. With `previous` (one tensor per parameter, of its
    /// size), each parameter it updates has its value from before the update written there first.
    func step(_ parameters: [Parameter], savingPrevious previous: [Tensor]?)
    /// Name for histories and saved metadata.
    var name: String { get }
}

extension Optimizer {
    /// One update of every trainable parameter from its `grad`.
    public func step(_ parameters: [Parameter]) { step(parameters, savingPrevious: nil) }
}

extension Parameter {
    /// Whether an optimizer step changes it: trainable, with a gradient of its size.
    public var isUpdated: Bool { trainable && variable.grad.count == variable.value.count }
}

/// The `previous` buffer of parameter `index`, if the caller asked for them.
private func saving(_ previous: [Tensor]?, _ index: Int) -> UnsafeMutablePointer<Float>? {
    previous.map { $0[index].storage.pointer }
}

/// Per-parameter state slots shared by the optimizers.
final class SlotStore {
    var slots: [ObjectIdentifier: [Tensor]] = [:]
    func slots(for v: Variable, count: Int) -> [Tensor] {
        if let s = slots[ObjectIdentifier(v)] { return s }
        let s = (0..<count).map { _ in Tensor(zeros: v.value.shape) }
        slots[ObjectIdentifier(v)] = s
        return s
    }
}

/// Stochastic gradient descent with optional (Nesterov) momentum, as Keras:
/// v ← μ·v − lr·g; w ← w + v (plain) or w ← w + μ·v − lr·g (Nesterov).
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float, nesterov: Bool
    let store = SlotStore()
    public var name: String { "SGD" }

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate; self.momentum = momentum; self.nesterov = nesterov
    }

    public func step(_ parameters: [Parameter], savingPrevious previous: [Tensor]?) {
        let lr = learningRate, mu = momentum
        for (i, p) in parameters.enumerated() where p.isUpdated {
            let w = p.variable.value.mutablePointer, g = p.variable.grad.pointer, n = p.variable.value.count
            let v = mu == 0 ? nil : store.slots(for: p.variable, count: 1)[0].storage.pointer
            Kernels.sgdStep(w: w, g: g, velocity: v, saving: saving(previous, i), count: n, learningRate: lr,
                            momentum: mu, nesterov: nesterov)
        }
    }
}

/// Adam (Keras form): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
/// w ← w − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε). AdamW first decays w ← w − lr·λ·w.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    var t = 0
    let store = SlotStore()
    public var name: String { weightDecay > 0 ? "AdamW" : "Adam" }

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                weightDecay: Float = 0) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.epsilon = epsilon; self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter], savingPrevious previous: [Tensor]?) {
        t += 1
        let b1 = beta1, b2 = beta2, eps = epsilon, decay = learningRate * weightDecay
        let alpha = Float(Double(learningRate) * (1 - pow(Double(b2), Double(t))).squareRoot() / (1 - pow(Double(b1),
            Double(t))))
        for (i, p) in parameters.enumerated() where p.isUpdated {
            let w = p.variable.value.mutablePointer, g = p.variable.grad.pointer, n = p.variable.value.count
            let s = store.slots(for: p.variable, count: 2)
            Kernels.adamStep(w: w, g: g, m: s[0].storage.pointer, v: s[1].storage.pointer, saving: saving(previous, i),
                             count: n, beta1: b1, beta2: b2, alpha: alpha, epsilon: eps, decay: decay)
        }
    }
}

/// AdamW: Adam with decoupled weight decay (Keras default λ = 0.004).
public func AdamW(learningRate: Float = 0.001, weightDecay: Float = 0.004, beta1: Float = 0.9, beta2: Float = 0.999,
                  epsilon: Float = 1e-7) -> Adam {
    Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
}

/// RMSProp: v ← ρ·v + (1−ρ)·g²; w ← w − lr·g / (√v + ε).
public final class RMSProp: Optimizer {
    public var learningRate: Float
    public let rho: Float, epsilon: Float
    let store = SlotStore()
    public var name: String { "RMSProp" }

    public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) {
        self.learningRate = learningRate; self.rho = rho; self.epsilon = epsilon
    }

    public func step(_ parameters: [Parameter], savingPrevious previous: [Tensor]?) {
        let lr = learningRate, rho = rho, eps = epsilon
        for (i, p) in parameters.enumerated() where p.isUpdated {
            let w = p.variable.value.mutablePointer, g = p.variable.grad.pointer, n = p.variable.value.count
            Kernels.rmsPropStep(w: w, g: g, v: store.slots(for: p.variable, count: 1)[0].storage.pointer,
                                saving: saving(previous, i), count: n, rho: rho, learningRate: lr, epsilon: eps)
        }
    }
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
