import Foundation

/// The tensors of one module of a weights file, e.g. PyTorch's "features.0" (weight, bias) or
/// Keras's "dense_1" (kernel, bias), by their names inside the module.
struct SourceModule {
    /// The tensors' common prefix, e.g. "features.0"; one layer of a stacked PyTorch RNN is
    /// "lstm[l1]" (its reverse direction "lstm[l1_reverse]").
    let name: String
    /// Tensors by local name: "weight", "running_var", "weight_ih", "out_proj.weight", "query/kernel", …
    var tensors: [String: SafeTensorEntry]
    /// Rank in the file's model order (see `SourceModule.group`).
    var order: Int

    /// The module's tensors as "fc3.weight [10, 64], fc3.bias [10]", in byte order.
    var label: String {
        tensors.values.sorted { $0.bytes.lowerBound < $1.bytes.lowerBound }.map(\.label).joined(separator: ", ")
    }

    /// Whether the tensors follow PyTorch's names (weight, running_var, weight_ih, in_proj_weight),
    /// whose matrices are stored [out, in], rather than Keras's (kernel, gamma, recurrent_kernel).
    var isPyTorch: Bool { tensors.keys.contains { SourceModule.pytorchNames.contains($0) } }

    /// The tensor `local`, if the module has it.
    subscript(local: String) -> SafeTensorEntry? { tensors[local] }

    /// Whether the module has all of `required` and nothing but those and `optional`.
    func has(_ required: Set<String>, allowing optional: Set<String> = []) -> Bool {
        required.isSubset(of: tensors.keys) && Set(tensors.keys).isSubset(of: required.union(optional))
    }

    static let pytorchNames: Set<String> = ["weight", "running_mean", "running_var", "weight_ih", "weight_hh",
                                            "bias_ih", "bias_hh", "in_proj_weight", "q_proj_weight"]
    /// Local names that a bare module saved alone uses (`nn.Linear().state_dict()` is weight, bias).
    private static let parameterNames: Set<String> = pytorchNames.union([
        "bias", "kernel", "gamma", "beta", "moving_mean", "moving_variance", "recurrent_kernel", "embeddings",
    ])

    /// Groups the float tensors into modules and orders them as the model's layers most likely
    /// were. Byte order is layer order for files written in state_dict order (Folio's own, many
    /// hand-written exporters); the `safetensors` library, though, sorts tensors by dtype and then
    /// name, so for such files names are the guide, compared "naturally" (layers.2 before layers.10).
    static func group(_ entries: [SafeTensorEntry], nameOrder: Bool) -> [SourceModule] {
        let ranked = nameOrder ? entries.sorted { naturallyBefore($0.name, $1.name) } : entries
        var modules: [String: SourceModule] = [:]
        for (rank, entry) in ranked.enumerated() {
            let (prefix, local) = split(entry.name)
            modules[prefix, default: SourceModule(name: prefix, tensors: [:], order: rank)].tensors[local] = entry
        }
        mergeAttentionParts(&modules)
        return modules.values.sorted { $0.order < $1.order }
    }

    /// "features.0.weight" → ("features.0", "weight"); "dense_1/kernel:0" → ("dense_1", "kernel");
    /// "lstm.weight_hh_l1_reverse" → ("lstm[l1_reverse]", "weight_hh"); a top-level tensor with a
    /// parameter's name ("weight", "weight_ih_l0": a bare layer's state_dict) is in module "" (or
    /// "[l0]"), any other ("pos_embed") is a module of its own.
    static func split(_ name: String) -> (prefix: String, local: String) {
        var full = name
        if let colon = full.lastIndex(of: ":"),
           full[full.index(after: colon)...].allSatisfy(\.isNumber) { full = String(full[..<colon]) }
        let cut = full.lastIndex { $0 == "." || $0 == "/" }
        let prefix = cut.map { String(full[..<$0]) } ?? "",
            local = cut.map { String(full[full.index(after: $0)...]) } ?? full
        if let layer = recurrentLayer(local) { return ("\(prefix)[\(layer.suffix)]", layer.local) }
        if cut == nil, !parameterNames.contains(local) { return (full, full) }
        return (prefix, local)
    }

    /// PyTorch's stacked-RNN names: "weight_ih_l0" → ("l0", "weight_ih"), "bias_hh_l1_reverse" → ("l1_reverse",
    /// "bias_hh").
    private static func recurrentLayer(_ local: String) -> (suffix: String, local: String)? {
        let parts = local.split(separator: "_", maxSplits: 2).map(String.init)
        guard parts.count == 3, ["weight", "bias"].contains(parts[0]), ["ih", "hh"].contains(parts[1]),
              parts[2].hasPrefix("l") else {
            return nil
        }
        let suffix = parts[2], digits = suffix.dropFirst().prefix { $0.isNumber }
        guard !digits.isEmpty, ["", "_reverse"].contains(String(suffix.dropFirst(1 + digits.count))) else { return nil }
        return (suffix, "\(parts[0])_\(parts[1])")
    }

    /// An attention layer is several modules in a file: PyTorch's "attn" (in_proj_weight) and
    /// "attn.out_proj"; Keras's "mha/query", "mha/key", "mha/value", "mha/attention_output". They
    /// become one module "attn" / "mha" with locals "out_proj.weight" / "query/kernel".
    private static func mergeAttentionParts(_ modules: inout [String: SourceModule]) {
        for name in Array(modules.keys) {
            guard let part = modules[name], let cut = name.lastIndex(where: { $0 == "." || $0 == "/" }) else {
                continue
            }
            let parent = String(name[..<cut]), component = String(name[name.index(after: cut)...])
            let separator = name[cut]
            let siblings = modules[parent]?.tensors.keys
            let pytorch = component == "out_proj" && (siblings?.contains { $0.hasSuffix("proj_weight") } ?? false)
            let keras = ["query", "key", "value", "attention_output"].contains(component)
                && ["query", "key", "value"].allSatisfy { modules["\(parent)\(separator)\($0)"] != nil }
            guard pytorch || keras else { continue }
            var whole = modules[parent] ?? SourceModule(name: parent, tensors: [:], order: part.order)
            // One spelling for the merged names whatever the file's separator: "out_proj.weight", "query/kernel".
            for (local, entry) in part.tensors { whole.tensors["\(component)\(pytorch ? "." : "/")\(local)"] = entry }
            whole.order = min(whole.order, part.order)
            modules[parent] = whole
            modules[name] = nil
        }
    }
}

/// "layers.2.weight" before "layers.10.weight": runs of digits compare as numbers.
func naturallyBefore(_ a: String, _ b: String) -> Bool {
    func runs(_ s: String) -> [Substring] {
        var out: [Substring] = [], start = s.startIndex
        for i in s.indices.dropFirst() where s[i].isNumber != s[s.index(before: i)].isNumber {
            out.append(s[start..<i]); start = i
        }
        if start < s.endIndex { out.append(s[start...]) }
        return out
    }
    let x = runs(a), y = runs(b)
    for (p, q) in zip(x, y) where p != q {
        if let m = Int(p), let n = Int(q), m != n { return m < n }
        return p < q
    }
    return x.count < y.count
}
