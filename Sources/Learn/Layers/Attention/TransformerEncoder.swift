import Tensor

/// One Transformer encoder block over a sequence [T, F], pre-norm as in Keras's Vision
/// Transformer example (and most modern encoders):
///   x = x + Dropout(MHA(LN(x)))
///   y = x + Dropout(Dense(F)(Dense(feedForward, relu)(LN(x))))
/// Made of two `Residual` blocks named "attention_block" and "feed_forward_block". Parameters:
/// 2·2F (norms) + 4·F·H·D + 3·H·D + F (attention) + F·FF + FF + FF·F + F (feed-forward);
/// heads 2, keyDim 32, feedForward 128 on 64 features: 33,472.
/// (The coursework's post-norm block, LN(x + MHA(x)), is written with `Residual { … }` and
/// `LayerNormalization()` directly.)
public final class TransformerEncoder: Layer {
    /// Attention heads, size of each head, width of the feed-forward layer, dropout rate.
    public let heads: Int, keyDim: Int, feedForward: Int, dropout: Float
    /// The attention sub-block and the feed-forward sub-block, available once built.
    public private(set) var blocks: [Residual] = []

    /// - Parameters: heads, keyDim: as `MultiHeadAttention`; feedForward: units of the hidden
    ///   ReLU layer; dropout: rate after the attention and after the feed-forward (0 = none).
    public init(heads: Int, keyDim: Int, feedForward: Int, dropout: Float = 0) {
        self.heads = heads; self.keyDim = keyDim; self.feedForward = feedForward; self.dropout = dropout
    }

    public override class var spec: LayerSpec {
        LayerSpec("TransformerEncoder", baseName: "transformer_encoder",
                  doc: "one pre-norm encoder block: attention, then a feed-forward layer, each with a skip", options: [
                      LayerOption("heads", .positiveInt, doc: "attention heads"),
                      LayerOption("keyDim", .positiveInt, doc: "size of each head"),
                      LayerOption("feedForward", .positiveInt, doc: "units of the hidden ReLU layer"),
                      LayerOption("rate", .number(.fraction), cell: "dropout", default: .number(0),
                                  doc: "dropout after the attention and after the feed-forward (0: none)"),
                  ]) { o in
            TransformerEncoder(heads: try o.int("heads"), keyDim: try o.int("keyDim"),
                               feedForward: try o.int("feedForward"), dropout: try o.float("rate"))
        }
    }
    public override var options: LayerOptions {
        ["heads": .int(heads), "keyDim": .int(keyDim), "feedForward": .int(feedForward), "rate": .float(dropout)]
    }
    /// The two blocks once built; parameters are named "<block>/<inner layer>/<parameter>",
    /// e.g. "attention_block/layer_normalization/gamma". Freezing the encoder freezes them.
    public override var children: [Layer] { blocks }

    public override func build(inputShape: [Int], rng: inout SeededGenerator) throws -> [Int] {
        guard feedForward > 0 else {
            throw LearnError.invalidArgument("TransformerEncoder: feedForward must be positive, found \(feedForward)")
        }
        guard dropout >= 0, dropout < 1 else {
            throw LearnError.invalidArgument("TransformerEncoder: dropout must be in 0..<1, found \(dropout)")
        }
        guard inputShape.count == 2 else {
            throw LearnError.shape("TransformerEncoder: input must be (steps, features) per sample, "
                                   + "found \(inputShape); add Reshape([steps, features]) or PatchEmbedding before it")
        }
        let features = inputShape[1]
        var attention: [Layer] = [LayerNormalization(), MultiHeadAttention(heads: heads, keyDim: keyDim)]
        var mlp: [Layer] = [LayerNormalization(), Dense(feedForward, activation: .relu), Dense(features)]
        if dropout > 0 { attention.append(Dropout(dropout)); mlp.append(Dropout(dropout)) }
        blocks = [Residual(attention), Residual(mlp)]
        for block in blocks { block.trainable = trainable }
        var shape = inputShape
        for (block, name) in zip(blocks, ["attention_block", "feed_forward_block"]) {
            block.name = name
            block.inputShape = shape
            shape = try block.build(inputShape: shape, rng: &rng)
            block.outputShape = shape
        }
        return shape
    }

    public override func forward(_ x: Variable, context: ForwardContext) throws -> Variable {
        try checkInput(x)
        var h = x
        for block in blocks { h = try block.forward(h, context: context) }
        return h
    }
}
