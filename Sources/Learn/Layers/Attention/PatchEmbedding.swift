import Tensor

/// Turns an image into a sequence of tokens, as a Vision Transformer's patch embedding (Keras:
/// Conv2D(dim, kernel p, stride p) then Reshape): each non-overlapping p×p patch is flattened
/// (row, column, channel) and mapped linearly to `dim` features.
/// [H, W, C] -> [(H/p)·(W/p), dim]; parameters (p·p·C)·dim + dim. `patch: 1` on [28, 28] rows
/// is not needed: use Reshape([28, 28]) and Dense for row embeddings.
public final class PatchEmbedding: Layer {
    /// Patch side p and the size of each token.
    public let patch: Int, dim: Int
    private var kernel = Variable(zeros: [0]), bias = Variable(zeros: [0])

    /// - Parameters: patch: side p of the square patches (must divide the image height and width);
    ///   dim: features per token.
    public init(patch: Int, dim: Int) { self.patch = patch; self.dim = dim }

    public override class var spec: LayerSpec {
        LayerSpec("PatchEmbedding", baseName: "patch_embedding",
                  doc: "an image as tokens: each p×p patch mapped linearly to `dim` features", options: [
                      LayerOption("patch", .positiveInt, doc: "side of the square patches"),
                      LayerOption("units", .positiveInt, cell: "dim", doc: "features per token"),
                  ], weights: .kernelAndBias) { o in
            PatchEmbedding(patch: try o.int("patch"), dim: try o.int("units"))
        }
    }
    public override var options: LayerOptions { ["patch": .int(patch), "units": .int(dim)] }
    public override var parameters: [Parameter] {
        [Parameter(name: "kernel", variable: kernel, trainable: true),
         Parameter(name: "bias", variable: bias, trainable: true)]
    }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard patch > 0, dim > 0 else {
            throw LearnError.invalidArgument("PatchEmbedding: patch and dim must be positive, "
                                             + "found \(patch) and \(dim)")
        }
        guard inputShape.count == 3, inputShape[0] % patch == 0, inputShape[1] % patch == 0 else {
            throw LearnError.shape("PatchEmbedding: expects images [height, width, "
                                   + "channels] whose height and width are multiples of \(patch), found \(inputShape); "
                                   + "pick a patch size that divides them or Reshape to e.g. [28, 28, 1]")
        }
        let fanIn = patch * patch * inputShape[2]
        try reserveWeights([[fanIn, dim], [dim]])
        kernel = Variable(Initializer.glorotUniform([fanIn, dim], fanIn: fanIn, fanOut: dim, rng: &rng))
        bias = Variable(zeros: [dim])
        return [(inputShape[0] / patch) * (inputShape[1] / patch), dim]
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        let (out, ws) = cache(batch: x.shape[0], outputs: 2)
        let tokens = try Ops.patches(x, size: patch, into: out[0], tape: context.tape)
        return try Ops.dense(tokens, kernel: kernel, bias: bias, workspace: ws, into: out[1], tape: context.tape)
    }
}
