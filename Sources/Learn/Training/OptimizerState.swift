import Tensor

/// An optimizer as the cache stores it: its kind and settings, its step count, and the state it
/// keeps per weight (momenta), each tied to the weight it belongs to.
public struct OptimizerState {
    public var kind: String
    /// Learning rate first, then the kind's own settings in a fixed order.
    public var settings: [Float]
    public var steps: Int
    /// Per weight: the weight, and the values of each of its state slots.
    public var slots: [(variable: Variable, values: [[Float]])]

    public init(kind: String, settings: [Float], steps: Int, slots: [(variable: Variable, values: [[Float]])]) {
        self.kind = kind
        self.settings = settings
        self.steps = steps
        self.slots = slots
    }
}

extension SlotStore {
    /// Every weight with state, by the weight's identity.
    var entries: [ObjectIdentifier: [Tensor]] { slots }

    func set(_ values: [[Float]], for variable: Variable) throws {
        slots[ObjectIdentifier(variable)] = try values.map { try Tensor(shape: variable.value.shape, scalars: $0) }
    }
}

/// Reads and rebuilds optimizers for the cache. `variables` are the weights the state may belong to
/// (every weight of every model stored alongside): state for any other weight cannot be tied back.
public enum OptimizerStates {
    public static func state(of optimizer: Optimizer, variables: [Variable]) throws -> OptimizerState {
        let byID = Dictionary(variables.map { (ObjectIdentifier($0), $0) }, uniquingKeysWith: { first, _ in first })
        func slots(_ store: SlotStore) throws -> [(variable: Variable, values: [[Float]])] {
            try store.entries.map { id, tensors in
                guard let variable = byID[id] else {
                    throw LearnError.invalidArgument("the optimizer holds state for a model that is not stored with it")
                }
                return (variable, tensors.map(\.scalars))
            }.sorted { lhs, rhs in
                variables.firstIndex { $0 === lhs.variable }! < variables.firstIndex { $0 === rhs.variable }!
            }
        }
        switch optimizer {
        case let o as SGD:
            return OptimizerState(kind: "SGD", settings: [o.learningRate, o.momentum, o.nesterov ? 1 : 0], steps: 0,
                                  slots: try slots(o.store))
        case let o as Adam:
            return OptimizerState(kind: "Adam", settings: [o.learningRate, o.beta1, o.beta2, o.epsilon, o.weightDecay],
                                  steps: o.t, slots: try slots(o.store))
        case let o as RMSProp:
            return OptimizerState(kind: "RMSProp", settings: [o.learningRate, o.rho, o.epsilon], steps: 0,
                                  slots: try slots(o.store))
        default:
            throw LearnError.invalidArgument("the cache cannot store a \(optimizer.name) optimizer")
        }
    }

    public static func optimizer(from state: OptimizerState) throws -> Optimizer {
        let s = state.settings
        let optimizer: Optimizer, store: SlotStore
        switch (state.kind, s.count) {
        case ("SGD", 3):
            let o = SGD(learningRate: s[0], momentum: s[1], nesterov: s[2] != 0)
            (optimizer, store) = (o, o.store)
        case ("Adam", 5):
            let o = Adam(learningRate: s[0], beta1: s[1], beta2: s[2], epsilon: s[3], weightDecay: s[4])
            o.t = state.steps
            (optimizer, store) = (o, o.store)
        case ("RMSProp", 3):
            let o = RMSProp(learningRate: s[0], rho: s[1], epsilon: s[2])
            (optimizer, store) = (o, o.store)
        default:
            throw LearnError.invalidArgument("a cached optimizer of unknown kind \(state.kind)")
        }
        for (variable, values) in state.slots { try store.set(values, for: variable) }
        return optimizer
    }
}
