/// A compiled parameter of a script function.
struct CompiledParam {
    var label: String?
    var name: String
    var type: TypeCheck?
    var defaultValue: Eval?
    var slot: Int
    /// The default is an integer literal (so it may become a Double).
    var literalDefault: Bool
}

/// The compiled, capture-free part of a function or closure: shared by every closure instance.
final class FunctionPrototype {
    let name: String
    let params: [CompiledParam]
    let returnType: TypeCheck?
    let slotCount: Int
    let body: Exec
    let isClosure: Bool
    let span: Span
    /// Parameter slots and types split out, so binding arguments copies no strings or closures.
    let paramSlots: [Int]
    let paramTypes: [TypeCheck?]
    /// A closure written without a parameter list (`{ $0 * 2 }`, `{ 42 }`): extra arguments are ignored.
    var implicitParams = false

    init(name: String, params: [CompiledParam], returnType: TypeCheck?, slotCount: Int, body: @escaping Exec,
         isClosure: Bool, span: Span) {
        self.name = name
        self.params = params
        paramSlots = params.map(\.slot)
        paramTypes = params.map(\.type)
        self.returnType = returnType
        self.slotCount = slotCount
        self.body = body
        self.isClosure = isClosure
        self.span = span
    }

    /// `(Int, Double) -> Double`, for messages.
    var typeDescription: String {
        "(" + params.map { $0.type?.description ?? "Any" }.joined(separator: ", ") + ") -> "
            + (returnType?.description ?? (isClosure ? "Any" : "Void"))
    }

    /// `f(_:kernel:)`, for messages.
    var signatureLabels: String { name + "(" + params.map { ($0.label ?? "_") + ":" }.joined() + ")" }
}

/// A script function value: a prototype plus the frame it closes over.
public final class Function {
    let prototype: FunctionPrototype
    let captured: Frame?

    init(_ prototype: FunctionPrototype, captured: Frame?) {
        self.prototype = prototype
        self.captured = captured
    }

    /// The number of parameters the function takes.
    public var arity: Int { prototype.params.count }
}
