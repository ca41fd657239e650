/// A layer's architecture as saved in a model file's metadata (JSON). Only the fields a layer
/// type uses are set.
public struct LayerConfig: Codable, Equatable {
    public var type: String
    public var name: String?
    public var units: Int?
    public var filters: Int?
    public var kernelSize: [Int]?
    public var strides: [Int]?
    public var padding: String?
    public var activation: String?
    public var alpha: Float?
    public var useBias: Bool?
    public var poolSize: [Int]?
    public var rate: Float?
    public var targetShape: [Int]?
    public var momentum: Float?
    public var epsilon: Float?
    public var returnSequences: Bool?
    public var heads: Int?
    public var keyDim: Int?
    public var causal: Bool?
    /// Residual: a learned shortcut bridges a shape change.
    public var projection: Bool?
    /// PositionalEmbedding: "learned" or "sinusoidal".
    public var embedding: String?
    /// PatchEmbedding: side of the square patches.
    public var patch: Int?
    /// TransformerEncoder: width of the feed-forward layer.
    public var feedForward: Int?
    /// False for a frozen layer (absent means trainable).
    public var trainable: Bool?
    /// The inner layers of a container such as Residual.
    public var layers: [LayerConfig]?
    /// Residual: the layers written for the skip path.
    public var shortcut: [LayerConfig]?

    public init(type: String) { self.type = type }
}
