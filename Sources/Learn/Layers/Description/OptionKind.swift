import Tensor

/// The values a layer option takes. It decides the cell parameter's type, the checks every value
/// passes (from a cell or a file), and the value's form in a saved configuration.
public enum OptionKind {
    /// An Int of at least 1: units, filters, heads.
    case positiveInt
    /// A window or stride side: one Int ≥ 1 in cells (a square), saved as [rows, columns].
    case windowSize
    /// Positive sizes of a sample without the batch, such as Reshape's [7, 7, 16].
    case shape
    /// A number, Int or Double, within `range`.
    case number(NumberRange)
    case bool
    /// An activation among `allowed`, written `.relu` in cells.
    case activation(allowed: [ActivationFunction])
    /// `.valid`, `.same`, or PyTorch's number of zeros on each side (`padding: 1`).
    case padding
    /// One symbol of `cases`, shown as the type `typeName` in cell signatures.
    case choice(typeName: String, cases: [String])
    /// One layer object (Bidirectional's recurrent layer), saved as a list of one configuration.
    case layer
    /// A list of layers (Residual's block), built with a trailing `{ … }` in cells.
    case layers

    /// Every activation: what Dense, Conv2D and Activation accept.
    public static let anyActivation = OptionKind.activation(allowed: ActivationFunction.allCases)
}

/// The numbers a `.number` option accepts.
public enum NumberRange {
    case any
    /// Greater than zero (an epsilon).
    case positive
    /// In 0..<1 (a dropout rate).
    case fraction
}

extension OptionKind {
    /// Throws, naming the option as `name` of layer type `layer`, unless `value` is one this kind
    /// accepts. The wording is what cells have always shown ("'units' must be at least 1, got 0").
    func check(_ value: OptionValue, layer: String, as name: String) throws {
        func fail(_ message: String) -> LearnError { .invalidArgument(message) }
        func positive(_ v: Int) throws {
            guard v > 0 else { throw fail("'\(name)' must be at least 1, got \(v)") }
        }
        switch (self, value) {
        case (.positiveInt, .int(let v)): try positive(v)
        case (.windowSize, .ints(let v)) where v.count == 2: for side in v { try positive(side) }
        case (.shape, .ints(let v)):
            guard !v.isEmpty, v.allSatisfy({ $0 > 0 }) else {
                throw fail("\(layer) needs positive sizes without the batch, such as [28, 28, 1]; got \(v)")
            }
        case (.number(let range), .number(let v)): try range.check(v, layer: layer, as: name)
        case (.bool, .bool): break
        case (.activation(let allowed), .text(let v)):
            guard let function = ActivationFunction(rawValue: v), allowed.contains(function) else {
                throw fail("\(layer): '\(name)' must be one of \(symbols(allowed.map(\.rawValue))), got \(v)")
            }
        case (.padding, .text(let v)):
            guard Padding(rawValue: v) != nil else {
                throw fail("'\(name)' must be .valid, .same or a number of zeros on each side, got \(v)")
            }
        case (.choice(_, let cases), .text(let v)):
            guard cases.contains(v) else {
                throw fail("\(layer): '\(name)' must be one of \(symbols(cases)), got \(v)")
            }
        case (.layer, .layers(let v)) where v.count == 1: break
        case (.layers, .layers): break
        default: throw fail("\(layer): '\(name)' must be \(expected), found \(value.kindName) (\(value.shown))")
        }
    }

    /// ".relu, .tanh", as cells write symbols.
    private func symbols(_ names: [String]) -> String { names.map { "." + $0 }.joined(separator: ", ") }

    /// What a value of this kind is, for type errors.
    var expected: String {
        switch self {
        case .positiveInt: return "an integer of at least 1"
        case .windowSize: return "two sizes [rows, columns]"
        case .shape: return "a list of positive sizes"
        case .number: return "a number"
        case .bool: return "true or false"
        case .activation: return "an activation name"
        case .padding: return "\"valid\", \"same\" or \"rows,columns\""
        case .choice(_, let cases): return "one of " + cases.joined(separator: ", ")
        case .layer: return "one layer"
        case .layers: return "a list of layers"
        }
    }
}

extension NumberRange {
    func check(_ v: Double, layer: String, as name: String) throws {
        switch self {
        case .any: return
        case .positive:
            guard v > 0 else { throw LearnError.invalidArgument("\(layer) needs a positive \(name), got \(v)") }
        case .fraction:
            guard v >= 0, v < 1 else { throw LearnError.invalidArgument("\(layer) \(name) must be in 0..<1, got \(v)") }
        }
    }
}
