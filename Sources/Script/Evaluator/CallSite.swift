/// What a parameter's declared type lets the call path check with one tag comparison.
enum QuickType {
    case anything, int, double, bool, string
    /// A type that needs the full `TypeCheck`.
    case other

    init(_ type: TypeCheck?) {
        switch type {
        case nil, .any?: self = .anything
        case .int?: self = .int
        case .double?: self = .double
        case .bool?: self = .bool
        case .string?: self = .string
        default: self = .other
        }
    }

    /// True when `v` surely has the type; false means "ask the full check" (it may still match).
    @inline(__always) func accepts(_ v: Value) -> Bool {
        switch (self, v) {
        case (.anything, _), (.int, .int), (.double, .double), (.bool, .bool), (.string, .string): return true
        default: return false
        }
    }
}

/// A call of a named script function, `fib(n - 1)`: remembers the prototype called last time and
/// whether its parameters take exactly these labels, so the common call evaluates the arguments
/// straight into the callee's (pooled) frame with no argument array and no label matching.
final class CallSite {
    let args: [EvalBox]
    let labels: [String?]
    /// Which arguments are integer literals (they may become Doubles).
    let literal: [Bool]
    let span: Span
    /// Keeps the interpreter alive as long as code that calls through this site exists.
    private let interp: Interpreter
    /// The same interpreter, used on the hot path: using `interp` itself there would retain
    /// and release it on every call.
    private let interpRef: Unmanaged<Interpreter>

    // Unchecked exclusivity: read on every call, written only by `learn`, never borrowed across calls.
    @exclusivity(unchecked) private var proto: FunctionPrototype?
    @exclusivity(unchecked) private var direct = false
    @exclusivity(unchecked) private var quick: [QuickType] = []
    /// The first two entries of `quick`, read without touching the array.
    @exclusivity(unchecked) private var quick0 = QuickType.other
    @exclusivity(unchecked) private var quick1 = QuickType.other

    init(args: [EvalBox], labels: [String?], literal: [Bool], span: Span, interp: Interpreter) {
        self.args = args
        self.labels = labels
        self.literal = literal
        self.span = span
        self.interp = interp
        interpRef = Unmanaged.passUnretained(interp)
    }

    /// The compiled call. One- and two-argument calls get their own closures that hold the
    /// argument code directly (a closure read from an array costs reference counting per call).
    ///
    /// `peek`, given for callees that are `let` constants (every `func`), reads the function
    /// without retaining it: such a slot is only rewritten by its declaration running again in
    /// the same frame, which cannot happen while an expression of that frame is being evaluated.
    func compiled(callee load: @escaping Eval, peek: ((Frame) -> UnsafeMutablePointer<Value>)?) -> Eval {
        guard let peek, args.count <= 2 else {
            return { [self] f in try call(try load(f), from: f) }
        }
        if args.count == 1 {
            let a0 = args[0].run
            return { [self] f in
                guard let callee = CallSite.function(in: peek(f)) else { return try call(try load(f), from: f) }
                return try callee._withUnsafeGuaranteedRef { function in
                    guard isDirect(function.prototype) else { return try call(.function(function), from: f) }
                    // Read before the arguments run: they may call through this site and re-learn it.
                    let q0 = quick0
                    let v0 = try a0(f)
                    return try run(function) { slots, p in
                        slots[0] = q0.accepts(v0) ? v0 : try convert(v0, 0, p)
                    }
                }
            }
        }
        if args.count == 2 {
            let a0 = args[0].run, a1 = args[1].run
            return { [self] f in
                guard let callee = CallSite.function(in: peek(f)) else { return try call(try load(f), from: f) }
                return try callee._withUnsafeGuaranteedRef { function in
                    guard isDirect(function.prototype) else { return try call(.function(function), from: f) }
                    let q0 = quick0, q1 = quick1  // before the arguments run (see above)
                    let v0 = try a0(f), v1 = try a1(f)
                    return try run(function) { slots, p in
                        slots[0] = q0.accepts(v0) ? v0 : try convert(v0, 0, p)
                        slots[1] = q1.accepts(v1) ? v1 : try convert(v1, 1, p)
                    }
                }
            }
        }
        return { [self] f in
            guard let callee = CallSite.function(in: peek(f)) else { return try call(try load(f), from: f) }
            return try callee._withUnsafeGuaranteedRef { function in try call(.function(function), from: f) }
        }
    }

    /// The script function stored in a variable, unretained (see `compiled`).
    @inline(__always) private static func function(in slot: UnsafeMutablePointer<Value>) -> Unmanaged<Function>? {
        if case .function(let function) = slot.pointee { return Unmanaged.passUnretained(function) }
        return nil
    }

    /// Runs `function` in a pooled frame whose parameter slots `bind` fills. The prototype is
    /// used as a guaranteed reference (the function holds it), sparing a reference count per call.
    @inline(__always) private func run(
        _ function: Function, _ bind: (UnsafeMutablePointer<Value>, FunctionPrototype) throws -> Void
    ) throws -> Value {
        try Unmanaged.passUnretained(function.prototype)._withUnsafeGuaranteedRef { p in
            if !p.framesEscape {
                let frame = p.takePrivateFrame(for: function)
                do {
                    let result = try frame._withUnsafeGuaranteedRef { frame in
                        try bind(frame.slots, p)
                        return try interpRef._withUnsafeGuaranteedRef { try $0.invoke(p, frame, span: span) }
                    }
                    p.recyclePrivate(frame)
                    return result
                } catch {
                    frame.release()
                    throw error
                }
            }
            let frame = p.takeFrame(for: function)
            try bind(frame.slots, p)
            let result = try interpRef._withUnsafeGuaranteedRef { try $0.invoke(p, frame, span: span) }
            p.recycle(frame)
            return result
        }
    }

    /// Whether a call of `p` here binds its arguments positionally into the first slots.
    @inline(__always) private func isDirect(_ p: FunctionPrototype) -> Bool {
        if p !== proto { learn(p) }
        return direct
    }

    /// Checks (and for integer literals, converts) argument `i` against its parameter type.
    private func convert(_ v: Value, _ i: Int, _ p: FunctionPrototype) throws -> Value {
        guard let t = p.paramTypes[i] else { return v }
        return try Compiler.bind(v, to: t, literal: literal[i], message: "expected argument type", at: span)
    }

    /// Any call from this site: direct binding when possible, else the general path.
    private func call(_ callee: Value, from f: Frame) throws -> Value {
        guard case .function(let function) = callee else {
            return try interp.callValue(callee, try evaluate(f), labels: labels, span: span)
        }
        let p = function.prototype
        guard isDirect(p) else {
            return try interp.callFunction(function, try evaluate(f), labels: labels, literal: literal, span: span)
        }
        let quick = self.quick  // before the arguments run: they may call through this site
        var values: [Value] = []
        values.reserveCapacity(args.count)
        for i in args.indices {
            let v = try args[i].run(f)
            values.append(quick[i].accepts(v) ? v : try convert(v, i, p))
        }
        // Parameters occupy the first slots of the callee's frame (see `paramsLead`).
        return try run(function) { slots, _ in
            for (i, v) in values.enumerated() { slots[i] = v }
        }
    }

    /// The call's argument values, in order.
    private func evaluate(_ f: Frame) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(args.count)
        for a in args { values.append(try a.run(f)) }
        return values
    }

    /// Remembers the callee and whether this site can bind its arguments straight into slots.
    private func learn(_ p: FunctionPrototype) {
        proto = p
        direct = !p.isClosure && p.paramsLead && p.params.count == args.count
            && p.params.indices.allSatisfy { p.params[$0].label == labels[$0] }
        quick = p.paramTypes.map(QuickType.init)
        quick0 = quick.first ?? .other
        quick1 = quick.count > 1 ? quick[1] : .other
    }
}
