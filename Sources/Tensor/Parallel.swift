import CKernels
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Splitting loops across cores (on `WorkerPool`'s threads and the caller), only when the work is
/// large enough to pay for the hand-off. Inside a parallel region every nested `forEach` (and
/// `Gemm.multiply`) runs serially on its worker, so a kernel can be called both from the top level
/// and from a worker.
public enum Parallel {
    /// Number of worker chunks used for large loops (the machine's active cores).
    public static let cores: Int = max(1, System.activeCores)

    /// Below this many "units" of work (roughly scalar operations) a loop whose result depends on
    /// its split (`forEachChunk`: per-chunk partial sums) runs on the caller. A constant, so that
    /// seeded runs split the same way in every process.
    public static let minimumWork = 32_768

    /// Below this many units a loop whose result does not depend on its split (`forEach`) runs on
    /// the caller: the break-even of this machine's hand-off cost, measured at first use.
    public static var minimumSplitWork: Int { HandOffCost.breakEvenWork }

    /// True on a thread that is currently running a chunk of a parallel loop.
    public static var isNested: Bool { pthread_getspecific(nestedKey) != nil }

    /// Runs `body` over `0..<count` in contiguous chunks, in parallel when `count * costPerItem`
    /// exceeds `minimumSplitWork`. Chunks never overlap, so bodies may write disjoint outputs.
    /// What `body` computes for an item must not depend on the range it is given (whether the loop
    /// is split differs between machines and processes); where it does, use `forEachChunk`.
    public static func forEach(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        run(count, work: count * costPerItem, threshold: minimumSplitWork) { _, range in body(range) }
    }

    /// Like `forEach`, also passing the chunk number (0..<cores) so bodies can use per-worker
    /// scratch space, and split by the constant `minimumWork`: bodies may keep per-chunk partial
    /// results. Serial runs use chunk 0 for the whole range.
    public static func forEachChunk(_ count: Int, costPerItem: Int = 1, _ body: (Int, Range<Int>) -> Void) {
        run(count, work: count * costPerItem, threshold: minimumWork, body)
    }

    /// Runs `body(slot, piece, range)` for each of `pieces` fixed pieces of `0..<count` (piece p is
    /// `count·p/pieces ..< count·(p+1)/pieces`), each taken by whichever thread is free next.
    ///
    /// `forEach` gives each core one half: when one core runs slower (another process on it, a VM's
    /// neighbour, an efficiency core) the other waits for it, and in a noisy CNN epoch that was a quarter
    /// of the main thread's time. Here the faster core takes more pieces. `slot` (0..<cores) names the
    /// thread, for per-thread scratch; `piece` is for per-piece partial results, which, combined in piece
    /// order, give the same bits whichever thread ran which piece, on any core count, and serially
    /// (below `minimumSplitWork`, or nested in another parallel loop, slot 0 runs the pieces in order).
    public static func forEachPiece(_ count: Int, pieces: Int, costPerItem: Int = 1,
                                    _ body: (_ slot: Int, _ piece: Int, Range<Int>) -> Void) {
        let pieces = min(max(pieces, 1), count)
        guard pieces > 0 else { return }
        // a local function, not a closure value: a closure value's captures would be boxed on the heap every call
        func range(_ piece: Int) -> Range<Int> { (count * piece / pieces)..<(count * (piece + 1) / pieces) }
        let slots = min(cores, pieces)
        if slots < 2 || isNested || count * costPerItem < minimumSplitWork {
            for piece in 0..<pieces { body(0, piece, range(piece)) }
            return
        }
        let next = Atomic<Int>(0)
        inParts(slots) { slot in
            while case let piece = next.wrappingAdd(1, ordering: .relaxed).oldValue, piece < pieces {
                body(slot, piece, range(piece))
            }
        }
    }

    /// Runs `body` on up to `cores` contiguous chunks of `0..<count` at once (marking the workers
    /// nested), or on the caller for the whole range when `work` is below `threshold`.
    /// `threshold` is evaluated last, so the first measurement never runs on a worker.
    private static func run(_ count: Int, work: Int, threshold: @autoclosure () -> Int,
                            _ body: (Int, Range<Int>) -> Void) {
        let chunks = min(cores, count)
        if chunks < 2 || isNested || work < threshold() {
            if count > 0 { body(0, 0..<count) }
            return
        }
        inParts(chunks) { chunk in
            let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
            if start < end { body(chunk, start..<end) }
        }
    }

    /// Runs `body(part)` for every part in `0..<parts` at once on the worker pool and the caller,
    /// each marked nested. For callers that split work themselves (the GEMM's row or column halves).
    public static func inParts(_ parts: Int, _ body: (Int) -> Void) {
        WorkerPool.shared.run(parts) { part in
            pthread_setspecific(nestedKey, marker)
            body(part)
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
    /// Cores available to this process: the online ones, or fewer where its CPU affinity (taskset,
    /// a container's cpuset) allows fewer.
    public static var activeCores: Int {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), allowed = Int(folio_allowed_cpus())
        return allowed > 0 ? min(online, allowed) : online
    }

    /// One core's L2 cache in bytes, as the CPU reports it (1 MiB on Zen 4 and 5, 1.25–2 MiB on recent
    /// Intel server cores); 1 MiB where the system cannot say (the GEMM's blocks read the same value),
    /// kept within 256 KiB…8 MiB.
    public static let l2CacheBytes: Int = min(max(folio_l2_cache_bytes(), 1 << 18), 1 << 23)
}
