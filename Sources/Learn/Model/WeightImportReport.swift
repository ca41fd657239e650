/// What `loadWeights(from:)` put into each layer, from which of the file's tensors, and how it
/// converted them: shown under the cell that loads, so a reader can check the pairing.
public struct WeightImportReport: CustomStringConvertible {
    public struct Row: Equatable {
        /// The Folio layer, e.g. "dense_1", or "residual/conv2d" for a layer inside a block.
        public let layer: String
        /// Its parameters and shapes: "kernel [64, 10], bias [10]".
        public let parameters: String
        /// The file's tensors it got: "fc3.weight, fc3.bias".
        public let source: String
        /// How the tensor was chosen: "Folio name", "names:", or "order and shape".
        public let match: String
        /// What was done to the values: "weight [out, in] transposed; F16 → F32", or "as is".
        public let conversion: String
    }

    /// The file's name.
    public let file: String
    /// One row per layer with weights, in model order.
    public let rows: [Row]
    /// Floating-point tensors of the file that no layer took, e.g. "fc4.weight [2, 10]"
    /// (the head of a model whose body alone was rebuilt, say).
    public let unused: [String]
    /// Tensors that have no Folio counterpart and were skipped, e.g. BatchNorm's
    /// "bn1.num_batches_tracked [] (I64)".
    public let skipped: [String]
    /// What the file cannot tell and the user should check (PyTorch's BatchNorm epsilon,
    /// attention heads), one line each, naming the layer.
    public let notes: [String]

    /// "Loaded 12 tensors into 5 layers from cnn.safetensors; skipped 2 (no Folio counterpart)."
    public var summary: String {
        let count = rows.reduce(0) { $0 + $1.source.split(separator: ",").count }
        var text = "Loaded \(count) tensor\(count == 1 ? "" : "s") into \(rows.count) "
                   + "layer\(rows.count == 1 ? "" : "s") from \(file)"
        if !skipped.isEmpty { text += "; skipped \(skipped.count) with no Folio counterpart" }
        if !unused.isEmpty { text += "; \(unused.count) unused" }
        return text + "."
    }

    public var description: String {
        var lines = [summary]
        lines += rows.map { "\($0.layer) (\($0.parameters)) ← \($0.source) [\($0.match); \($0.conversion)]" }
        if !unused.isEmpty { lines.append("unused: " + unused.joined(separator: ", ")) }
        if !skipped.isEmpty { lines.append("skipped: " + skipped.joined(separator: ", ")) }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
