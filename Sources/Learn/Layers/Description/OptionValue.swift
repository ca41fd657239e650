import Tensor

/// One value of a layer's configuration, as cells, model files and layer code exchange it.
/// Absent options (nil in cells, missing in files) have no value at all.
public enum OptionValue {
    case int(Int)
    case number(Double)
    case bool(Bool)
    /// A symbol: an activation ("relu"), a padding ("same", "1,1"), a choice ("learned").
    case text(String)
    /// Sizes: a window [rows, columns] or a shape [7, 7, 16].
    case ints([Int])
    /// Layer objects (Residual's block, Bidirectional's recurrent layer).
    case layers([Layer])

    /// A Float weight setting as its shortest decimal (0.9, not 0.899999976…), so saved
    /// configurations read as written and load back to the same Float.
    public static func float(_ value: Float) -> OptionValue { .number(Double(value.description) ?? Double(value)) }

    /// `.text(padding.rawValue)`: "valid", "same" or "rows,columns".
    public static func padding(_ value: Padding) -> OptionValue { .text(value.rawValue) }

    /// A window or stride as saved: [rows, columns].
    public static func pair(_ value: (Int, Int)) -> OptionValue { .ints([value.0, value.1]) }

    /// How the value reads in messages: 3, 0.5, true, relu, [3, 3], [Dense, Dense].
    public var shown: String {
        switch self {
        case .int(let v): return "\(v)"
        case .number(let v): return "\(v)"
        case .bool(let v): return "\(v)"
        case .text(let v): return v
        case .ints(let v): return "\(v)"
        case .layers(let v): return "[" + v.map(\.typeName).joined(separator: ", ") + "]"
        }
    }

    /// What kind of value this is, for "expected …, found …" messages.
    var kindName: String {
        switch self {
        case .int: return "an integer"
        case .number: return "a number"
        case .bool: return "true or false"
        case .text: return "a name"
        case .ints: return "a list of integers"
        case .layers: return "layers"
        }
    }
}
