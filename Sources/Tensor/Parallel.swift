import Dispatch
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Splitting loops across cores, only when the work is large enough to pay for the hand-off.
/// Inside a parallel region every nested `forEach` (and `Gemm.multiply`) runs serially on its
/// worker, so a kernel can be called both from the top level and from a worker.
public enum Parallel {
    /// Number of worker chunks used for large loops (the machine's active cores).
    public static let cores: Int = max(1, System.activeCores)

    /// Below this many "units" of work (roughly scalar operations) a loop runs on the caller.
    public static let minimumWork = 32_768

    /// True on a thread that is currently running a chunk of a parallel loop.
    public static var isNested: Bool { pthread_getspecific(nestedKey) != nil }

    /// Runs `body` over `0..<count` in contiguous chunks, in parallel when `count * costPerItem`
    /// exceeds `minimumWork`. Chunks never overlap, so bodies may write disjoint outputs.
    public static func forEach(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        forEachChunk(count, costPerItem: costPerItem) { _, range in body(range) }
    }

    /// Like `forEach`, also passing the chunk number (0..<cores) so bodies can use per-worker
    /// scratch space. Serial runs use chunk 0 for the whole range.
    public static func forEachChunk(_ count: Int, costPerItem: Int = 1, _ body: (Int, Range<Int>) -> Void) {
        let chunks = min(cores, count)
        if chunks <= 1 || count * costPerItem < minimumWork || isNested {
            if count > 0 { body(0, 0..<count) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
            guard start < end else { return }
            pthread_setspecific(nestedKey, marker)
            body(chunk, start..<end)
            pthread_setspecific(nestedKey, nil)
        }
    }

    private static let nestedKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    private static let marker = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
}

/// Host facts the kernels need.
public enum System {
    /// Cores available to this process.
    public static var activeCores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
