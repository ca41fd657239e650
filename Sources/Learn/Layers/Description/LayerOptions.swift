import Tensor

/// A layer's configuration: its options by key, the generic form every layer type is saved,
/// loaded and made from (`LayerSpec.make`). Reading an option as the wrong kind is an error
/// naming the layer type and the option, never a crash.
public struct LayerOptions: ExpressibleByDictionaryLiteral {
    public private(set) var values: [String: OptionValue]

    public init(_ values: [String: OptionValue]) { self.values = values }
    public init(dictionaryLiteral elements: (String, OptionValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public subscript(key: String) -> OptionValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The options of `spec` this configuration leaves out, set to their defaults; throws when a
    /// required option is missing.
    func completed(for spec: LayerSpec) throws -> LayerOptions {
        var full = self
        for option in spec.options where full[option.key] == nil {
            if let value = option.defaultValue { full[option.key] = value; continue }
            guard option.optional else {
                throw LearnError.invalidArgument("\(spec.typeName) needs the option '\(option.key)'")
            }
        }
        return full
    }

    private func mismatch(_ key: String, _ expected: String) -> LearnError {
        let found = values[key].map { "\($0.kindName) (\($0.shown))" } ?? "none"
        return .invalidArgument("option '\(key)' must be \(expected), found \(found)")
    }

    public func int(_ key: String) throws -> Int {
        guard case .int(let v)? = values[key] else { throw mismatch(key, "an integer") }
        return v
    }
    public func bool(_ key: String) throws -> Bool {
        guard case .bool(let v)? = values[key] else { throw mismatch(key, "true or false") }
        return v
    }
    public func text(_ key: String) throws -> String {
        guard case .text(let v)? = values[key] else { throw mismatch(key, "a name") }
        return v
    }
    public func ints(_ key: String) throws -> [Int] {
        guard case .ints(let v)? = values[key] else { throw mismatch(key, "a list of integers") }
        return v
    }
    public func layers(_ key: String) throws -> [Layer] {
        guard case .layers(let v)? = values[key] else { throw mismatch(key, "layers") }
        return v
    }
    /// A number as Float (weights and settings are Float32).
    public func float(_ key: String) throws -> Float {
        switch values[key] {
        case .number(let v)?: return Float(v)
        case .int(let v)?: return Float(v)
        default: throw mismatch(key, "a number")
        }
    }
    /// A window or stride [rows, columns].
    public func pair(_ key: String) throws -> (Int, Int) {
        let v = try ints(key)
        guard v.count == 2 else { throw mismatch(key, "two sizes [rows, columns]") }
        return (v[0], v[1])
    }
    public func activation(_ key: String) throws -> ActivationFunction {
        guard let function = ActivationFunction(rawValue: try text(key)) else { throw mismatch(key, "an activation") }
        return function
    }
    /// nil when the optional option `key` is unset, else the value as `read` gives it.
    public func optional<T>(_ key: String, _ read: (LayerOptions) -> (String) throws -> T) throws -> T? {
        values[key] == nil ? nil : try read(self)(key)
    }
    public func padding(_ key: String) throws -> Padding {
        guard let padding = Padding(rawValue: try text(key)) else { throw mismatch(key, "a padding") }
        return padding
    }
}
