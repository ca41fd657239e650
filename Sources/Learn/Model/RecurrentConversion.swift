import Tensor

/// SimpleRNN, LSTM and GRU from PyTorch's nn.RNN / nn.LSTM / nn.GRU (one layer and direction of
/// them: "lstm[l1]", "lstm[l0_reverse]") or from Keras's kernel, recurrent_kernel, bias. The gate
/// order is the layer type's (`WeightForm.recurrent`); PyTorch's GRU n = tanh(W_in·x + b_in +
/// r ⊙ (W_hn·h + b_hn)) and h' = (1 − z) ⊙ n + z ⊙ h are Keras's `reset_after` cell (see `Ops.gru`).
enum RecurrentConversion {
    static func convert(_ r: inout WeightReader, gates order: [Int]) -> Bool {
        let m = r.module, kernel = r.target.shape("kernel"), recurrent = r.target.shape("recurrent_kernel")
        let bias = r.target.shape("bias")
        guard kernel.count == 2, recurrent.count == 2 else { return false }
        let units = recurrent[0], width = order.count * units
        guard m.isPyTorch else {
            guard m.has(["kernel", "recurrent_kernel"], allowing: ["bias"]), m["kernel"]?.shape == kernel,
                  m["recurrent_kernel"]?.shape == recurrent, m["bias"].map({ $0.shape == bias }) ?? true else {
                      return false
                  }
            r.set("kernel", r.read("kernel"))
            r.set("recurrent_kernel", r.read("recurrent_kernel"))
            r.vector("bias", from: "bias", fill: 0)
            return true
        }
        guard m.has(["weight_ih", "weight_hh"], allowing: ["bias_ih", "bias_hh"]),
              m["weight_ih"]?.shape == [width, kernel[0]], m["weight_hh"]?.shape == [width, units],
              ["bias_ih", "bias_hh"].allSatisfy({ m[$0].map { $0.shape == [width] } ?? true }) else { return false }
        r.set("kernel", Layout.gateKernel(r.read("weight_ih"), order: order, units: units))
        r.set("recurrent_kernel", Layout.gateKernel(r.read("weight_hh"), order: order, units: units))
        r.did("weight_ih, weight_hh transposed")
        if order != order.sorted() { r.did("gates (r, z, n) → (z, r, h̃)") }
        let input = gateBias(&r, "bias_ih", order: order, units: units),
            hidden = gateBias(&r, "bias_hh", order: order, units: units)
        if bias.count == 2 {
            // GRU (reset_after): the recurrent bias sits inside r ⊙ (…), so it keeps its own row.
            guard let rows = try? Tensor(shape: [2, width], scalars: input + hidden) else { return false }
            r.set("bias", rows)
            r.did("bias = [bias_ih, bias_hh]")
        } else {
            // LSTM and RNN add both biases to the same pre-activation: one bias is their sum.
            guard let sum = try? Tensor(shape: [width], scalars: zip(input, hidden).map(+)) else { return false }
            r.set("bias", sum)
            r.did("bias = bias_ih + bias_hh")
        }
        return true
    }

    /// A PyTorch gate bias in Folio's gate order, zeros when the layer has `bias=False`.
    private static func gateBias(_ r: inout WeightReader, _ local: String, order: [Int], units: Int) -> [Float] {
        guard r.module[local] != nil else {
            r.did("no \(local): zeros")
            return [Float](repeating: 0, count: order.count * units)
        }
        return Layout.gateVector(r.read(local), order: order, units: units)
    }
}
