import Tensor

/// The weights made for one layer from a file, and how: what the load report shows.
struct ConvertedWeights {
    /// New values by parameter name inside the layer ("kernel", "bias"), in the layer's shapes.
    var values: [String: Tensor] = [:]
    /// The file's tensors used, in reading order.
    var sources: [String] = []
    /// What was done to them, e.g. "weight [out, in] transposed".
    var conversions: [String] = []
    /// What the user should check that the file cannot tell (PyTorch's epsilon, attention heads).
    var notes: [String] = []
}

/// Reads one source module's tensors for one target layer, keeping track of what it used and did.
struct WeightReader {
    let module: SourceModule, file: SafeTensorsFile, target: ImportTarget
    private(set) var result = ConvertedWeights()
    /// Set when a value could not take its parameter's shape; the conversion then does not fit.
    private(set) var failed = false

    init(module: SourceModule, file: SafeTensorsFile, target: ImportTarget) {
        self.module = module; self.file = file; self.target = target
    }

    /// The values of the module's tensor `local` as Float.
    mutating func read(_ local: String) -> Tensor {
        guard let entry = module[local] else { failed = true; return Tensor(zeros: [0]) }
        result.sources.append(entry.name)
        if entry.dtype != "F32" { did("\(entry.dtype) → F32") }
        return file.floats(entry)
    }

    /// Sets parameter `name`; values whose shape only regroups the parameter's are reshaped.
    mutating func set(_ name: String, _ t: Tensor) {
        let shape = target.shape(name)
        guard Layout.regroups(t.shape, to: shape), let value = try? t.reshaped(shape) else { failed = true; return }
        result.values[name] = value
    }

    /// Sets parameter `name` from the tensor `local`, or to `fill` when the file has none
    /// (PyTorch's `bias=False` layers, BatchNorm with `affine=False`).
    mutating func vector(_ name: String, from local: String, fill: Float) {
        if module[local] != nil { set(name, read(local)); return }
        result.values[name] = Tensor(repeating: fill, shape: target.shape(name))
        did("no \(local): \(name) = \(fill == 0 ? "zeros" : "ones")")
    }

    mutating func did(_ conversion: String) {
        if !result.conversions.contains(conversion) { result.conversions.append(conversion) }
    }

    mutating func note(_ text: String) { result.notes.append("\(target.path): \(text)") }
}

/// Turns a file's module into a Folio layer's weights, converting PyTorch layouts; each
/// converter checks names and shapes before reading anything and answers nil when the module is
/// not this kind of layer or does not fit it. Which converter a layer takes is its type's
/// `spec.weights`; the settings a converter needs (useBias, epsilon, heads) are the layer's options.
enum WeightConversion {
    static func convert(_ module: SourceModule, for target: ImportTarget, file: SafeTensorsFile) -> ConvertedWeights? {
        var reader = WeightReader(module: module, file: file, target: target)
        let options = target.layer.options
        let fits: Bool
        switch type(of: target.layer).spec.weights {
        case .kernelAndBias:  // PatchEmbedding has no useBias option: it always adds one
            fits = kernelAndBias(&reader, useBias: options["useBias"] == nil || (try? options.bool("useBias")) == true)
        case .normalization(let statistics):
            guard let epsilon = try? options.float("epsilon") else { return nil }
            fits = normalization(&reader, statistics: statistics, epsilon: epsilon)
        case .recurrent(let order): fits = RecurrentConversion.convert(&reader, gates: order)
        case .attention:
            guard let heads = try? options.int("heads") else { return nil }
            fits = AttentionConversion.convert(&reader, heads: heads)
        case .embeddingTable: fits = table(&reader)
        case .none: fits = false  // these load by Folio name or through `names:`
        }
        return fits && !reader.failed ? reader.result : nil
    }

    /// Dense, Conv2D and PatchEmbedding: kernel and bias, from PyTorch's Linear [out, in] or
    /// Conv2d [O, I, kh, kw] weight, or from a Keras kernel as it is.
    private static func kernelAndBias(_ r: inout WeightReader, useBias: Bool) -> Bool {
        let m = r.module, kernel = r.target.shape("kernel"), source = m.isPyTorch ? "weight" : "kernel"
        guard m.has([source], allowing: ["bias"]), let w = m[source] else { return false }
        if let b = m["bias"], !(useBias && b.shape == [kernel.last ?? 0]) { return false }
        if !m.isPyTorch {
            guard Layout.regroups(w.shape, to: kernel) else { return false }
            r.set("kernel", r.read(source))
        } else if w.shape.count == 2, Array(w.shape.reversed()) == kernel {
            var k = Layout.transposed(r.read(source))
            r.did("weight [out, in] transposed")
            if let image = r.target.flattenedImage, image[2] > 1, image[0] * image[1] > 1 {
                k = Layout.flattenRowsToHWC(k, image: image)
                r.did("rows put in Flatten's (H, W, C) order from PyTorch's (C, H, W)")
            }
            r.set("kernel", k)
        } else if w.shape.count == 4, Layout.regroups(Layout.convKernelShape(fromPyTorch: w.shape), to: kernel) {
            r.set("kernel", Layout.convKernel(fromPyTorch: r.read(source)))
            r.did("weight [O, I, kh, kw] → [kh, kw, I, O]")
        } else {
            return false
        }
        if useBias { r.vector("bias", from: "bias", fill: 0) }
        return true
    }

    /// BatchNormalization (with moving statistics) and LayerNormalization: PyTorch's weight,
    /// bias, running_mean, running_var are Keras's gamma, beta, moving_mean, moving_variance.
    private static func normalization(_ r: inout WeightReader, statistics: Bool, epsilon: Float) -> Bool {
        let m = r.module, size = r.target.shape("gamma"), pytorch = m.isPyTorch
        let (scale, shift, mean, variance) = pytorch ? ("weight", "bias", "running_mean", "running_var")
                                                      : ("gamma", "beta", "moving_mean", "moving_variance")
        let fitting = statistics ? m.has([mean, variance], allowing: [scale, shift]) : m.has([scale], allowing: [shift])
        guard fitting, m.tensors.values.allSatisfy({ $0.shape == size }) else { return false }
        r.vector("gamma", from: scale, fill: 1)
        r.vector("beta", from: shift, fill: 0)
        if statistics {
            r.vector("moving_mean", from: mean, fill: 0)
            r.vector("moving_variance", from: variance, fill: 1)
        }
        guard pytorch else { return true }
        r.did(statistics ? "weight, bias, running_mean, running_var → gamma, beta, moving_mean, moving_variance"
                         : "weight, bias → gamma, beta")
        if epsilon != 1e-5 {
            r.note("PyTorch's default eps is 1e-5 but this layer adds \(epsilon); "
                   + "build it with epsilon: 0.00001 to match")
        }
        return true
    }

    /// PositionalEmbedding: a module of one [T, F] table (Keras's "embeddings", an nn.Embedding's
    /// weight, or a bare nn.Parameter such as "pos_embed" [1, T, F]).
    private static func table(_ r: inout WeightReader) -> Bool {
        guard r.module.tensors.count == 1, let only = r.module.tensors.first,
              Layout.regroups(only.value.shape, to: r.target.shape("embeddings")) else { return false }
        r.set("embeddings", r.read(only.key))
        return true
    }
}
