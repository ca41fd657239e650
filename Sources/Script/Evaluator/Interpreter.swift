import Foundation
import Randomness
import RunLimits

/// Runs the cells of one notebook in one shared environment.
///
///     let interp = Interpreter()
///     interp.setGlobal("params", .record(["epochs": .int(3)]))
///     try interp.run("print(params.epochs)", file: "nb.md", firstLine: 12) { output in … }
public final class Interpreter {
    /// Top-level variables of every cell run so far, by slot.
    let globals: Frame
    var globalNames: [String: VarInfo] = [:]
    var globalCount = 0
    static let maxGlobals = 1 << 14

    var functions: [String: HostFunctionGroup] = [:]
    /// Top-level `func` declarations by name, for the cache (see `Interpreter+Snapshot`).
    var declaredFunctions: [String: DeclaredFunction] = [:]
    var namespaces: [String: Namespace] = [:]
    var types: [String: HostType] = [:]

    var emit: (Output) -> Void = { _ in }
    // Unchecked exclusivity: counters bumped on every call and loop iteration, never borrowed.
    @exclusivity(unchecked) var callDepth = 0
    /// Script calls may nest this deep before "stack overflow" is reported.
    @exclusivity(unchecked) public var maxCallDepth = 10_000
    @exclusivity(unchecked) var ticks = 0
    /// The span of the host call in progress, for errors raised by callbacks into scripts.
    var callSpan = Span(line: 1, column: 1, length: 1)


    /// The generator behind `Int.random`, `shuffled()`, `randomElement()` and the rest: seeded from the
    /// notebook's seed (`seedRandom`), so that a seeded notebook draws the same numbers every run.
    var random = SplitMix64()

    /// Source text of every line run so far, by notebook line, for diagnostics.
    var sourceLines: [Int: String] = [:]
    var file = ""

    public init() {
        globals = Frame.make(count: Interpreter.maxGlobals, parent: nil)
        installBuiltins()
    }

    /// Runs one cell. `firstLine` is the notebook line of the cell's first source line.
    /// Emits outputs in order; throws the first `Diagnostic` (parse or runtime). On a parse or
    /// compile error nothing runs.
    public func run(_ source: String, file: String, firstLine: Int, output: @escaping (Output) -> Void) throws {
        self.file = file
        remember(source, firstLine: firstLine)
        do {
            try Interpreter.onLargeStack {
                let program = try Parser.parse(source, firstLine: firstLine)
                let cell = try Compiler(self).compileCell(program)
                self.emit = output
                defer { self.emit = { _ in } }
                self.callDepth = 0
                defer { self.rememberDeclarations(in: program, source: source, firstLine: firstLine) }
                try cell.run()
            }
        } catch let e as ScriptError {
            throw diagnostic(e)
        }
    }

    /// Parses only, returning every syntax error found (resuming at the next line after each).
    public func check(_ source: String, file: String, firstLine: Int) -> [Diagnostic] {
        self.file = file
        remember(source, firstLine: firstLine)
        var errors: [ScriptError] = []
        try? Interpreter.onLargeStack { errors = Parser.check(source, firstLine: firstLine) }
        return errors.map(diagnostic)
    }

    /// Seeds the cell language's own draws; nil means fresh randomness each run.
    public func seedRandom(_ seed: UInt64?) {
        random = SplitMix64.derived(from: seed, purpose: 0x5C21_F7A1_0E5E_ED00)
    }

    /// Binds a global constant (e.g. `params`), visible to all later cells.
    public func setGlobal(_ name: String, _ value: Value) {
        let info = declareGlobal(name, isLet: true, type: nil)
        globals.slots[info.slot] = value
    }

    /// The current value of a global variable, or nil if no cell declared it.
    public func global(_ name: String) -> Value? {
        globalNames[name].map { globals.slots[$0.slot] }
    }

    /// A global slot for `name`, reused when a later cell declares it again.
    func declareGlobal(_ name: String, isLet: Bool, type: TypeCheck?) -> VarInfo {
        if var existing = globalNames[name] {
            existing.isLet = isLet
            existing.type = type
            globalNames[name] = existing
            return existing
        }
        let info = VarInfo(slot: globalCount, isLet: isLet, type: type)
        globalCount += 1
        globalNames[name] = info
        return info
    }

    /// Keeps the source lines, by notebook line, for the diagnostics that quote them.
    func remember(_ source: String, firstLine: Int) {
        var line = firstLine
        for text in source.split(separator: "\n", omittingEmptySubsequences: false) {
            sourceLines[line] = String(text)
            line += 1
        }
    }

    /// A script error as the located diagnostic the runner reports.
    func diagnostic(_ e: ScriptError) -> Diagnostic {
        let location = SourceLocation(file: file, line: e.span.line, column: e.span.column)
        return Diagnostic(.error, at: location, e.message, sourceLine: sourceLines[e.span.line] ?? "",
                          length: e.span.length)
    }

    /// Runs `body` on a thread with a large stack so deep (but bounded) script recursion cannot
    /// overflow the native stack; the depth limit reports runaway recursion as an error.
    static func onLargeStack(_ body: @escaping () throws -> Void) throws {
        /// The body's error, carried back from the large-stack thread.
        final class Outcome: @unchecked Sendable { var failure: Error? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { try body() } catch { outcome.failure = error }
            done.signal()
        }
        thread.stackSize = 1 << 28  // 256 MiB of address space; 10,000 script calls use ~30 MiB
        thread.start()
        done.wait()
        if let failure = outcome.failure { throw failure }
    }

    /// Counts loop iterations and calls; every 1024 checks the run's time limits, every 16,384 its
    /// memory budget (many small allocations that no single check would catch).
    @inline(__always) func tick(_ span: Span) throws {
        ticks &+= 1
        if ticks & 1023 == 0 { try checkBudget(span) }
    }

    /// Out of line, so the hot paths that tick carry none of the clock's generic code.
    @inline(never) func checkBudget(_ span: Span) throws {
        do {
            try RunBudget.shared.checkTime()
            if ticks & 16383 == 0 { try RunBudget.shared.checkMemory() }
        } catch let limit as LimitExceeded {
            throw ScriptError(limit.message, at: span)
        }
    }
}

/// What the compiler knows about a variable.
struct VarInfo {
    var slot: Int
    var isLet: Bool
    var type: TypeCheck?
    /// The slot holds a function that closes over the slot's own frame without owning it
    /// (see `Function`): reading it as a value must take `escaping`.
    var holdsOwnClosure = false
}
