import Foundation

extension Interpreter {
    /// `now()`, `cpuTime()` and `measure { … }`: clocks for timing code in a cell.
    func installClockBuiltins() {
        // Wall-clock seconds since 1970 (a Double), for timestamps and differences.
        register(function: "now", []) { _ in .double(Date().timeIntervalSince1970) }
        // Seconds of CPU this process has used, user plus system, over all its threads.
        register(function: "cpuTime", []) { _ in .double(Interpreter.processCPUSeconds()) }
        // The wall seconds the closure took to run (its result is dropped; its errors propagate).
        register(function: "measure", [.positional("body", .function)]) { args in
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try args.interpreter.call(args["body"], [])
            return .double(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
    }

    /// The process's CPU time, user plus system over all threads (`clock()` measures exactly that,
    /// on Linux and macOS alike).
    static func processCPUSeconds() -> Double {
        Double(clock()) / Double(CLOCKS_PER_SEC)
    }
}
