import Tensor

/// MultiHeadAttention from PyTorch's nn.MultiheadAttention (in_proj_weight [3E, E] holding the
/// query, key and value projections, out_proj) or from Keras's query/key/value/attention_output
/// kernels ([F, H, D] and [H, D, F], read as [F, H·D] and [H·D, F]). Both split the projected
/// features into heads the same way: head h is features h·D ..< (h + 1)·D, as `Ops.attention`.
enum AttentionConversion {
    private static let parts = ["query", "key", "value"]

    static func convert(_ r: inout WeightReader, heads: Int) -> Bool {
        guard r.module.isPyTorch else { return keras(&r) }
        let m = r.module, query = r.target.shape("query/kernel")
        // nn.MultiheadAttention projects E features to E = heads · head_dim, so F = H·D = E here.
        guard query.count == 2, query[0] == query[1] else { return false }
        let e = query[0], optional: Set<String> = ["in_proj_bias", "out_proj.bias"]
        let packed = m.has(["in_proj_weight", "out_proj.weight"],
                           allowing: optional) && m["in_proj_weight"]?.shape == [3 * e, e]
        let separate = m.has(Set(["q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"]),
                             allowing: optional)
            && ["q_proj_weight", "k_proj_weight", "v_proj_weight"].allSatisfy { m[$0]?.shape == [e, e] }
        guard packed || separate, m["out_proj.weight"]?.shape == [e, e],
              m["in_proj_bias"].map({ $0.shape == [3 * e] }) ?? true,
              m["out_proj.bias"].map({ $0.shape == [e] }) ?? true else { return false }
        let inProjection = packed ? r.read("in_proj_weight") : nil
        let inBias = m["in_proj_bias"] != nil ? r.read("in_proj_bias") : Tensor(zeros: [3 * e])
        for (i, part) in parts.enumerated() {
            let weight = inProjection.map { rows($0, i * e, e) } ?? r.read("\(part.prefix(1))_proj_weight")
            r.set("\(part)/kernel", Layout.transposed(weight))
            r.set("\(part)/bias", rows(inBias, i * e, e))
        }
        r.set("attention_output/kernel", Layout.transposed(r.read("out_proj.weight")))
        r.vector("attention_output/bias", from: "out_proj.bias", fill: 0)
        r.did(packed ? "in_proj_weight split into query, key, value; weights transposed" : "weights transposed")
        if m["in_proj_bias"] == nil { r.did("no in_proj_bias: zeros") }
        r.note("the file does not store num_heads; this layer splits \(e) features into \(heads) heads, "
               + "as the PyTorch model must")
        return true
    }

    private static func keras(_ r: inout WeightReader) -> Bool {
        let m = r.module, names = parts + ["attention_output"]
        guard m.has(Set(names.map { "\($0)/kernel" }), allowing: Set(names.map { "\($0)/bias" })) else { return false }
        for name in names {
            guard let kernel = m["\(name)/kernel"], Layout.regroups(kernel.shape, to: r.target.shape("\(name)/kernel")),
                  m["\(name)/bias"].map({ Layout.regroups($0.shape, to: r.target.shape("\(name)/bias")) }) ?? true
            else {
                      return false
                  }
        }
        for name in names {
            r.set("\(name)/kernel", r.read("\(name)/kernel"))
            r.vector("\(name)/bias", from: "\(name)/bias", fill: 0)
        }
        return true
    }

    /// Rows start ..< start + count of a tensor whose first axis is split (in_proj's [3E, …]).
    private static func rows(_ t: Tensor, _ start: Int, _ count: Int) -> Tensor {
        let rowSize = t.count / max(t.shape[0], 1)
        let shape = [count] + t.shape.dropFirst()
        var out = Tensor(zeros: shape)
        out.mutablePointer.update(from: t.pointer + start * rowSize, count: count * rowSize)
        return out
    }
}
