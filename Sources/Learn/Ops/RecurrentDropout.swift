import Tensor

/// Keras's dropout for recurrent layers (`dropout`, `recurrent_dropout`): during training, one mask
/// per sequence, fixed across its steps, on the inputs (x_t ⊙ m) and one on the previous state fed
/// to the gates (h_{t-1} ⊙ m'); kept values are scaled by 1/(1 − p). The state carried forward
/// (and LSTM's cell) stays unmasked, as in Keras 3's cells, which use one mask for every gate.
public struct RecurrentDropout {
    /// [B, F] mask of the inputs (0 or 1/(1 − dropout)), or nil for none.
    public var input: Tensor?
    /// [B, U] mask of the state fed to the recurrent product, or nil for none.
    public var recurrent: Tensor?

    public init(input: Tensor? = nil, recurrent: Tensor? = nil) {
        self.input = input; self.recurrent = recurrent
    }

    /// Draws the masks for a batch; nil when both rates are 0, so the op runs its plain path.
    public static func draw(batch: Int, features: Int, units: Int, dropout: Float, recurrentDropout: Float,
                            rng: inout SeededGenerator) -> RecurrentDropout? {
        guard dropout > 0 || recurrentDropout > 0 else { return nil }
        return RecurrentDropout(input: mask([batch, features], rate: dropout, rng: &rng),
                                recurrent: mask([batch, units], rate: recurrentDropout, rng: &rng))
    }

    /// Inverted-dropout values: 0 with probability `rate`, else 1/(1 − rate); nil for rate 0.
    static func mask(_ shape: [Int], rate: Float, rng: inout SeededGenerator) -> Tensor? {
        guard rate > 0 else { return nil }
        var m = Tensor.uniform(shape: shape, low: 0, high: 1, using: &rng)
        let p = m.mutablePointer, keep = 1 / (1 - rate)
        for i in 0..<m.count { p[i] = p[i] < rate ? 0 : keep }
        return m
    }
}

extension Ops {
    /// out[i] = h[i] · mask[i] for `count` values: the masked state of some batch rows (the
    /// pointers already at the first of them).
    static func maskValues(_ h: UnsafePointer<Float>, _ mask: UnsafePointer<Float>,
                           into out: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { out[i] = h[i] * mask[i] }
    }

    /// Sizes the buffer of masked previous states ([T + 1, B, U], the layout of `states`) when the
    /// state is masked, and returns the mask's pointer; nil on the plain path.
    static func prepareRecurrentMask(_ dropout: RecurrentDropout?, _ s: RecurrentShape,
                                     _ ws: RecurrentWorkspace) throws -> UnsafePointer<Float>? {
        guard let mask = dropout?.recurrent else { return nil }
        guard mask.count == s.stepStates else {
            throw LearnError.shape("recurrent dropout: the state mask must be [\(s.batch), \(s.units)], "
                                   + "found \(mask.shape)")
        }
        ensure(&ws.maskedStates, shape: [s.steps + 1, s.batch, s.units])
        return mask.pointer
    }

    /// Checks the input mask against [B, F].
    static func checkInputMask(_ dropout: RecurrentDropout?, _ s: RecurrentShape) throws {
        guard let mask = dropout?.input else { return }
        guard mask.count == s.batch * s.features else {
            throw LearnError.shape("dropout: the input mask must be [\(s.batch), \(s.features)], found \(mask.shape)")
        }
    }
}
