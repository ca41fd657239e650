/// Every layer type Folio can save, load, import weights into and offer to cells, one line each.
/// Adding a layer: its op, its layer file (a `Layer` subclass overriding `spec`), and a line here
/// (see CONTRIBUTING.md, "Adding a layer").
public enum LayerRegistry {
    public static let all: [LayerSpec] = [
        Dense.spec,
        Conv2D.spec,
        MaxPool2D.spec,
        AvgPool2D.spec,
        GlobalAveragePooling2D.spec,
        BatchNormalization.spec,
        Dropout.spec,
        Flatten.spec,
        Reshape.spec,
        ActivationLayer.spec,
        SimpleRNN.spec,
        LSTM.spec,
        GRU.spec,
        Bidirectional.spec,
        LayerNormalization.spec,
        MultiHeadAttention.spec,
        SelfAttention.spec,
        Residual.spec,
        Bottleneck.spec,
        PositionalEmbedding.spec,
        PatchEmbedding.spec,
        TransformerEncoder.spec,
    ]

    private static let byTypeName = Dictionary(all.map { ($0.typeName, $0) }, uniquingKeysWith: { first, _ in first })

    /// The layer type saved as `typeName` ("MaxPooling2D"), if registered.
    public static func spec(typeName: String) -> LayerSpec? { byTypeName[typeName] }
}
