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
    /// Whether the body reads enclosing functions' variables through the frame's parent link;
    /// if not, pooled frames skip holding the captured frame (a reference count per call).
    let needsParent: Bool
    /// Whether a call's frame may outlive the call: the body creates closures (or nested
    /// functions) that capture it. If not, calls recycle frames without checking.
    let framesEscape: Bool
    /// Parameter i lives in slot i (always, as parameters are declared first; checked, not assumed).
    let paramsLead: Bool
    /// Frames of finished calls, reused so that a call does not allocate.
    /// Unchecked exclusivity: only `takeFrame`/`recycle` touch it, and neither calls out.
    @exclusivity(unchecked) private var pool = FramePool()

    init(name: String, params: [CompiledParam], returnType: TypeCheck?, slotCount: Int, body: @escaping Exec,
         isClosure: Bool, span: Span, needsParent: Bool = true, framesEscape: Bool = true) {
        self.needsParent = needsParent
        self.framesEscape = framesEscape
        self.name = name
        self.params = params
        paramSlots = params.map(\.slot)
        paramTypes = params.map(\.type)
        self.returnType = returnType
        self.slotCount = slotCount
        self.body = body
        self.isClosure = isClosure
        self.span = span
        paramsLead = paramSlots == Array(paramSlots.indices)
    }

    /// A frame for a call: a spare one if any, with every slot `.void`.
    @inline(__always) func takeFrame(for function: Function) -> Frame {
        if let frame = pool.take() {
            if needsParent { frame.state.pointee.parent = function.captured }
            return frame
        }
        return Frame.make(count: slotCount, parent: needsParent ? function.captured : nil)
    }

    /// Returns a frame after its call; kept for reuse only if nothing else holds it.
    @inline(__always) func recycle(_ frame: consuming Frame) {
        pool.put(frame)
    }

    /// A frame for a call of a function whose frames stay private (`!framesEscape`), unmanaged:
    /// give it back with `recyclePrivate`, or `release()` it if the call throws.
    @inline(__always) func takePrivateFrame(for function: Function) -> Unmanaged<Frame> {
        let frame = pool.takePrivate(count: slotCount)
        if needsParent { frame._withUnsafeGuaranteedRef { $0.state.pointee.parent = function.captured } }
        return frame
    }

    /// Returns a frame from `takePrivateFrame` to the pool.
    @inline(__always) func recyclePrivate(_ frame: Unmanaged<Frame>) {
        pool.putPrivate(frame)
    }

    deinit {
        pool.drain()
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
///
/// A function stored in a slot of the very frame it closes over (a nested `func`, or
/// `let f = { … }` inside a function) holds that frame without owning it: owning it would make a
/// cycle (frame → slot → function → frame) and keep every call's frame alive forever. Such a
/// function is only reachable through its frame, so the frame is alive whenever it runs; reading
/// it out of the slot as a value (`escaping`) gives a copy that owns the frame.
public final class Function {
    let prototype: FunctionPrototype
    private let owned: Frame?
    private let declaring: Unmanaged<Frame>?

    init(_ prototype: FunctionPrototype, captured: Frame?) {
        self.prototype = prototype
        owned = captured
        declaring = nil
    }

    /// A function to be stored in a slot of `frame`, the frame it closes over.
    init(_ prototype: FunctionPrototype, storedIn frame: Frame) {
        self.prototype = prototype
        owned = nil
        declaring = Unmanaged.passUnretained(frame)
    }

    /// The frame the function closes over.
    var captured: Frame? {
        if let owned { return owned }
        return declaring?.takeUnretainedValue()
    }

    /// This function as a value that may outlive the frame it was declared in.
    var escaping: Function { declaring == nil ? self : Function(prototype, captured: captured) }

    /// The number of parameters the function takes.
    public var arity: Int { prototype.params.count }
}

extension Value {
    /// A function read out of the slot of the frame it closes over, made safe to keep (see
    /// `Function`); any other value as it is.
    var escapingFunction: Value {
        if case .function(let fn) = self { return .function(fn.escaping) }
        return self
    }
}
