/// A property of a host type: a getter and an optional setter.
struct HostProperty {
    var get: (AnyObject) throws -> Value
    var set: ((AnyObject, Value) throws -> Void)?
}

/// A host (Swift) class exposed to scripts: its name, methods and properties.
///
///     let counter = HostType("Counter")
///     counter.method("increment", [.labeled("by", .int, default: .int(1))]) { (c: Counter, args) in
///         c.value += args.int("by"); return .void
///     }
///     counter.property("value", get: { (c: Counter) in .int(c.value) })
///     interp.register(counter)
///     interp.setGlobal("c", .object(Counter(), type: counter))
public final class HostType {
    /// The name scripts see in messages and annotations (`let m: Model`).
    public let name: String
    var methods: [String: HostFunctionGroup] = [:]
    var properties: [String: HostProperty] = [:]
    /// How the object prints with `print`/string interpolation; defaults to `<Name>`.
    var describe: ((AnyObject) -> String)?

    public init(_ name: String) {
        self.name = name
    }

    /// Adds a method (call it again with the same name to add an overload).
    public func method<T: AnyObject>(_ name: String, _ parameters: [Parameter] = [],
                                     _ body: @escaping (T, Arguments) throws -> Value) {
        let typeName = self.name
        let function = HostFunction(name, parameters) { args in
            guard let base = args.receiver as? T else {
                throw HostError("'\(name)' called on a value that is not a \(typeName)")
            }
            return try body(base, args)
        }
        let group = methods[name] ?? HostFunctionGroup(name)
        group.add(function)
        methods[name] = group
    }

    /// Adds a property with a getter and, optionally, a setter (`model.trainable = false`).
    public func property<T: AnyObject>(_ name: String, get: @escaping (T) throws -> Value,
                                       set: ((T, Value) throws -> Void)? = nil) {
        let typeName = self.name
        properties[name] = HostProperty(
            get: { base in
                guard let o = base as? T else { throw HostError("'\(name)' read on a value that is not a \(typeName)") }
                return try get(o)
            },
            set: set.map { setter in { base, value in
                guard let o = base as? T else { throw HostError("'\(name)' set on a value that is not a \(typeName)") }
                try setter(o, value)
            } })
    }

    /// Sets how instances print (`print(model)`, interpolation); the default is `<Name>`.
    public func description<T: AnyObject>(_ body: @escaping (T) -> String) {
        describe = { base in (base as? T).map(body) ?? "<\(self.name)>" }
    }

    /// How an instance prints: the registered description, its own, or `<Name>`.
    func describeObject(_ base: AnyObject) -> String {
        if let describe { return describe(base) }
        if let custom = base as? CustomStringConvertible { return custom.description }
        return "<\(name)>"
    }

    /// Member names, for did-you-mean suggestions.
    var memberNames: [String] { Array(methods.keys) + Array(properties.keys) }
}

/// An instance of a host type inside a `Value`.
public final class HostObject {
    /// The Swift instance.
    public let base: AnyObject
    /// Its registered script type.
    public let type: HostType

    public init(_ base: AnyObject, type: HostType) {
        self.base = base
        self.type = type
    }
}

/// A name with static members and, optionally, a constructor: `Double.pi`, `Int("3")`,
/// `Datasets.fashionMNIST()`, `Activation.relu`.
public final class Namespace {
    /// The name scripts write before the dot.
    public let name: String
    var constructor: HostFunctionGroup?
    var functions: [String: HostFunctionGroup] = [:]
    var values: [String: Value] = [:]

    public init(_ name: String) {
        self.name = name
    }

    /// Makes `Name(args)` callable (add overloads by calling again).
    public func constructor(_ parameters: [Parameter], _ body: @escaping HostBody) {
        if constructor == nil { constructor = HostFunctionGroup(name) }
        constructor?.add(HostFunction(name, parameters, body))
    }

    /// Adds a static function `Name.function(args)`.
    public func function(_ function: String, _ parameters: [Parameter] = [], _ body: @escaping HostBody) {
        let group = functions[function] ?? HostFunctionGroup("\(name).\(function)")
        group.add(HostFunction("\(name).\(function)", parameters, body))
        functions[function] = group
    }

    /// Adds a static value `Name.member`.
    public func value(_ member: String, _ value: Value) {
        values[member] = value
    }

    var memberNames: [String] { Array(functions.keys) + Array(values.keys) }
}
