import XCTest
@testable import Script

/// A tiny fake host module: a Counter object, a Layer constructor with symbol parameters, a
/// Sequential builder, a namespace and a callback, registered through the public API only.
final class Counter: Displayable {
    var value = 0
    var step = 1
    func display() -> [Output] { [.text("Counter(\(value))\n")] }
}

final class Layer {
    let units: Int
    let activation: String?
    init(units: Int, activation: String?) { self.units = units; self.activation = activation }
}

final class Model {
    let layers: [Layer]
    init(_ layers: [Layer]) { self.layers = layers }
}

func makeHostSession() -> Session {
    let s = Session()
    let interp = s.interp
    let counterType = HostType("Counter")
    counterType.method("increment", [.labeled("by", .int, default: .int(1))]) { (c: Counter, args) in
        c.value += args.int("by") * c.step
        return .int(c.value)
    }
    counterType.method("apply", [.positional("transform", .function)]) { (c: Counter, args) in
        c.value = try args.interpreter.call(args["transform"], [.int(c.value)]).intValue ?? c.value
        return .void
    }
    counterType.method("fail") { (_: Counter, _) in throw HostError("counter jammed") }
    counterType.property("value", get: { (c: Counter) in .int(c.value) })
    counterType.property("step", get: { (c: Counter) in .int(c.step) }, set: { (c: Counter, v) in
        guard let n = v.intValue, n > 0 else { throw HostError("step must be a positive Int") }
        c.step = n
    })
    interp.register(counterType)
    interp.register(function: "Counter", []) { _ in .object(Counter(), type: counterType) }

    let layerType = HostType("Layer")
    layerType.property("units", get: { (l: Layer) in .int(l.units) })
    layerType.description { (l: Layer) in "Dense(\(l.units), \(l.activation ?? "linear"))" }
    interp.register(layerType)
    let activations = ["relu", "tanh", "sigmoid", "softmax"]
    interp.register(function: "Dense", [.positional("units", .int),
                                        .labeled("activation", .optional(.oneOf("Activation", activations)),
                                                 default: .nil)]) { args in
        guard args.int("units") > 0 else { throw HostError("Dense needs at least 1 unit, got \(args.int("units"))") }
        return .object(Layer(units: args.int("units"), activation: args.symbol("activation")), type: layerType)
    }
    let modelType = HostType("Model")
    modelType.property("layerCount", get: { (m: Model) in .int(m.layers.count) })
    modelType.method("describe") { (m: Model, _) in .strings(m.layers.map { "\($0.units)" }) }
    interp.register(modelType)
    interp.register(function: "Sequential", [.positional("layers", .builder)]) { args in
        let layers = try args.array("layers").map { v -> Layer in
            guard let l = v.object(as: Layer.self) else {
                throw HostError("Sequential can only hold layers, got '\(v.typeName)'")
            }
            return l
        }
        return .object(Model(layers), type: modelType)
    }
    let activation = interp.namespace("Activation")
    for a in activations { activation.value(a, .symbol(a)) }
    let datasets = interp.namespace("Datasets")
    datasets.function("toy",
                      [.labeled("count", .int, default: .int(3))]) { args in .ints(Array(0..<args.int("count"))) }
    return s
}

final class HostAPITests: XCTestCase {
    func testMethodsPropertiesAndDisplay() throws {
        let s = makeHostSession()
        XCTAssertEqual(try s.run("let c = Counter()\nc.increment()\nc.increment(by: 5)\nc.step = 2\nc.increment()\n"
                                 + "print(c.value, c.step)\nc"),
                       "8 2\nCounter(8)\n")
        XCTAssertEqual(try s.run("c.apply { $0 * 10 }\nc.value"), "80\n")
        XCTAssertEqual(try s.run("display(c)"), "Counter(80)\n")
    }

    func testConstructorsWithSymbolsAndBuilder() throws {
        let s = makeHostSession()
        let out = try s.run("""
        let wide = true
        let m = Sequential {
            Dense(32, activation: .relu)
            if wide { Dense(64, activation: Activation.tanh) }
            for u in [8, 4] { Dense(u) }
            Dense(10, activation: .softmax)
        }
        print(m.layerCount, m.describe())
        print(Dense(3, activation: .relu))
        """)
        XCTAssertEqual(out, "5 [\"32\", \"64\", \"8\", \"4\", \"10\"]\nDense(3, relu)\n")
        XCTAssertEqual(try s.run("Datasets.toy(count: 2)"), "[0, 1]\n")
    }

    func testArgumentErrorsListTheSignature() {
        let s = makeHostSession()
        let sig = "Dense(_ units: Int, activation: Activation? = nil)"
        let cases: [(String, String)] = [
            ("Dense(activation: .relu)", "missing argument for parameter #1 in call; expected \(sig)"),
            ("Dense(3, activaton: .relu)",
             "incorrect argument label in call (have '_:activaton:', expected '_:activation:'); expected \(sig)"),
            ("Dense(3, activation: .rellu)",
             "type 'Activation' has no member 'rellu'; did you mean 'relu'?; expected \(sig)"),
            ("Dense(\"3\")", "cannot convert value of type 'String' to expected argument type 'Int'; expected \(sig)"),
            ("Dense(3, extra: 1)",
             "incorrect argument label in call (have '_:extra:', expected '_:activation:'); expected \(sig)"),
            ("Dense(3, activation: .relu, extra: 1)", "extra argument 'extra' in call; expected \(sig)"),
            ("Dense(0)", "Dense needs at least 1 unit, got 0"),
            ("Dence(3)", "cannot find 'Dence' in scope; did you mean 'Dense'?"),
            ("let c = Counter()\nc.fail()", "counter jammed"),
            ("let c = Counter()\nc.step = -1", "step must be a positive Int"),
            ("let c = Counter()\nc.valeu", "value of type 'Counter' has no member 'valeu'; did you mean 'value'?"),
            ("Datasets.tyo()", "type 'Datasets' has no member 'tyo'; did you mean 'toy'?"),
            ("Sequential { 3 }", "Sequential can only hold layers, got 'Int'"),
        ]
        for (source, message) in cases {
            XCTAssertEqual(s.failure(source)?.message, message, source)
        }
        XCTAssertEqual(s.failure("let x = 1\nlet c = Counter()\n   c.fail()", firstLine: 20)?.location,
                       SourceLocation(file: "test.md", line: 22, column: 6))
    }

    func testHostObjectsAreReferencesEvenInLet() throws {
        let s = makeHostSession()
        XCTAssertEqual(try s.run("let c = Counter()\nlet d = c\nd.increment()\nc.value"), "1\n")
    }

    func testHostCanCallClosuresAndTheirErrorsKeepTheirLocation() throws {
        let s = makeHostSession()
        let d = s.failure("let c = Counter()\nc.apply { x in\n  x / 0\n}")
        XCTAssertEqual(d?.message, "division by zero")
        XCTAssertEqual(d?.location.line, 3)
    }
}
