/// A host function body: receives checked arguments, returns a value (`.void` for none).
public typealias HostBody = (Arguments) throws -> Value

/// One overload of a host function.
public final class HostFunction {
    /// The name shown in signatures (`Conv2D`, `Datasets.fashionMNIST`).
    public let name: String
    /// The parameters in call order.
    public let parameters: [Parameter]
    let body: HostBody

    public init(_ name: String, _ parameters: [Parameter], _ body: @escaping HostBody) {
        self.name = name
        self.parameters = parameters
        self.body = body
    }

    /// `Conv2D(_ filters: Int, kernel: Int, stride: Int = 1)`, shown in argument errors.
    public var signature: String {
        name + "(" + parameters.map(\.signature).joined(separator: ", ") + ")"
    }
}

/// All overloads of one host function name; a call picks the first whose labels fit.
public final class HostFunctionGroup {
    /// The name scripts call.
    public let name: String
    /// The overloads, tried in registration order.
    public private(set) var overloads: [HostFunction]

    public init(_ name: String, _ overloads: [HostFunction] = []) {
        self.name = name
        self.overloads = overloads
    }

    /// Adds an overload, tried after the earlier ones.
    func add(_ f: HostFunction) { overloads.append(f) }

    /// Whether some overload takes a builder closure (so trailing closures run in builder mode).
    var takesBuilder: Bool {
        overloads.contains { $0.parameters.contains { if case .builder = $0.type { return true }; return false } }
    }
}
