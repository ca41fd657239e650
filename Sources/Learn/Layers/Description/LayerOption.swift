/// One configuration option of a layer type, declared once in the type's `LayerSpec`: saving,
/// loading, the cell constructor's parameter, its checks and the API docs all come from it.
public struct LayerOption {
    /// The key in saved configurations ("kernelSize"), and the name layer code reads it by.
    public let key: String
    /// What cells call it: the label (`kernel:`), or the parameter's name when positional.
    public let cellName: String
    /// Whether cells pass it without a label: `Dense(10)`.
    public let positional: Bool
    public let kind: OptionKind
    /// The value an omitted option takes; nil with `optional` false makes the option required.
    public let defaultValue: OptionValue?
    /// Whether the option may stay unset (nil in cells: a linear activation, a pooling stride
    /// equal to the pool size); the layer then decides.
    public let optional: Bool
    /// Whether cells can set it. Keras's `alpha` is saved but follows the activation in cells.
    public let inCells: Bool
    /// One line for the API docs.
    public let doc: String

    public init(_ key: String, _ kind: OptionKind, cell: String? = nil, positional: Bool = false,
                default defaultValue: OptionValue? = nil, optional: Bool = false, inCells: Bool = true, doc: String) {
        self.key = key; self.kind = kind; cellName = cell ?? key; self.positional = positional
        self.defaultValue = defaultValue; self.optional = optional; self.inCells = inCells; self.doc = doc
    }

    /// Whether a configuration must give the option: no default, and not optional.
    public var isRequired: Bool { defaultValue == nil && !optional }

    /// Throws unless `value` suits this option (`name`: how the message calls it).
    public func check(_ value: OptionValue, layer: String, as name: String? = nil) throws {
        try kind.check(value, layer: layer, as: name ?? cellName)
    }
}

extension LayerOption {
    /// The activation after a Dense or Conv2D's affine map; unset is linear.
    public static let activation = LayerOption("activation", OptionKind.anyActivation, optional: true,
                                               doc: "applied after the affine map (nil: linear)")
    /// The leakyRelu slope or elu scale; follows the activation (Keras's defaults) unless loaded.
    public static let alpha = LayerOption("alpha", .number(.any), optional: true, inCells: false,
                                          doc: "leakyRelu slope / elu scale (0.2 / 1 by default)")
    /// `.valid` (default), `.same`, or zeros on each side.
    public static let padding = LayerOption(
        "padding", .padding, default: .text("valid"),
        doc: ".valid, .same, or a number of zeros on each side as PyTorch's padding=1")
    /// Whether a kernel layer adds a bias.
    public static let useBias = LayerOption("useBias", .bool, default: .bool(true),
                                            doc: "add a bias (false before a BatchNormalization)")
}
