import Foundation

/// Hard limits the kernel enforces on a sandboxed render (`setrlimit`), behind the run's own budget:
/// if native code ever allocates or computes past every check, the process ends (out of memory, or
/// SIGXCPU) and the grader reports the cap it hit, instead of the machine suffering.
public enum ProcessLimits {
    /// Virtual memory a process needs beyond its data: the runtime, thread stacks (the interpreter's
    /// is 256 MB of address space), BLAS buffers and allocator arenas.
    static let addressSpaceHeadroom = 4 << 30

    /// Caps this process's address space at `memory` plus headroom, and its CPU time at `cpuSeconds`.
    public static func apply(memory: Int?, cpuSeconds: Double?) {
        if let memory {
            let bytes = rlim_t(min(Int(Int64.max / 2), memory + addressSpaceHeadroom))
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        }
        if let cpuSeconds {
            let seconds = rlim_t(max(1, cpuSeconds.rounded(.up)))
            // SIGXCPU at the soft limit; the hard limit (a kill) a little later, should that be ignored.
            var limit = rlimit(rlim_cur: seconds, rlim_max: seconds + 5)
            setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &limit)
        }
    }
}
