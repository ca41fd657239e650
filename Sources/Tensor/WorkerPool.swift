import CKernels
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The threads that run the chunks of parallel loops: `cores − 1` of them, the caller being the last.
///
/// A training step hands work to the other core several times per batch, tens of microseconds
/// apart. Dispatch parks its workers in the kernel between regions, and on a virtual machine each
/// wake-up costs 10–20 µs of scheduler time on both cores (a fifth of an MLP epoch's samples).
/// These workers instead poll for the next job for `spinNanoseconds` after each one, so in a
/// training loop they are already awake when it arrives, and park only when the process turns to
/// serial work for longer than that.
///
/// One job at a time: a caller that finds the pool busy (two threads training at once) runs its
/// region on Dispatch instead. Which thread runs which chunk never changes a result: the chunks,
/// not the threads, decide what is computed.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(threads: Parallel.cores - 1)

    /// How long a worker polls after a job before it parks.
    static let spinNanoseconds: UInt64 = 200_000

    private let threads: Int
    /// The current job in one word: its generation (bits 32…), its chunk count (16…31) and the next
    /// unclaimed chunk (0…15). Claiming a chunk and checking that it belongs to the current job is
    /// one compare-exchange, so a late worker can never run an old job's body on a new job's chunk.
    private let state = Atomic<Int>(0)
    private static let chunkBits = 16, generationShift = 32
    private let finished = Atomic<Int>(0)
    private let parked = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    // Written by the caller before it publishes `state`; read by a worker only after it claims a chunk
    // of that job (the caller waits for every chunk, so it cannot change while a worker reads it).
    nonisolated(unsafe) private var body: ((Int) -> Void)?
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private init(threads: Int) {
        self.threads = max(0, threads)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
        for _ in 0..<self.threads { startWorker() }
    }

    /// Runs `body(chunk)` for every chunk in `0..<chunks`, on the pool's threads and the caller;
    /// returns when all are done.
    func run(_ chunks: Int, _ body: (Int) -> Void) {
        guard threads > 0, chunks > 1, chunks < 1 << Self.chunkBits,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: body)
            return
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            finished.store(0, ordering: .relaxed)
            let generation = ((state.load(ordering: .relaxed) >> Self.generationShift) + 1) & 0x7FFF_FFFF
            state.store((generation << Self.generationShift) | (chunks << Self.chunkBits),
                        ordering: .sequentiallyConsistent)
            if parked.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(lock); pthread_cond_broadcast(wake); pthread_mutex_unlock(lock)
            }
            work(generation)
            var wait = BusyWait()
            while finished.load(ordering: .acquiring) < chunks { wait.pause() }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
    }

    /// Claims and runs chunks of job `generation` until none is left.
    private func work(_ generation: Int) {
        let mask = (1 << Self.chunkBits) - 1
        var current = state.load(ordering: .acquiring)
        while current >> Self.generationShift == generation {
            let chunk = current & mask, chunks = (current >> Self.chunkBits) & mask
            guard chunk < chunks else { return }
            let claimed = state.compareExchange(expected: current, desired: current + 1,
                                                ordering: .acquiringAndReleasing)
            guard claimed.exchanged else { current = claimed.original; continue }
            // This thread's reference to the body ends before the chunk counts as done: the caller then
            // un-escapes the body (`withoutActuallyEscaping`), which checks that nobody else holds it.
            do {
                let run = body
                run?(chunk)
            }
            finished.add(1, ordering: .releasing)
            current = state.load(ordering: .acquiring)
        }
    }

    private func startWorker() {
        var thread = pthread_t()
        let pool = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { context in
            Unmanaged<WorkerPool>.fromOpaque(context!).takeRetainedValue().serve()
            return nil
        }, pool)
        pthread_detach(thread)
    }

    /// A worker's life: wait for a job newer than the last one seen (polling, then parked), work on it.
    private func serve() -> Never {
        var seen = 0
        while true {
            var wait = BusyWait()
            var generation = state.load(ordering: .acquiring) >> Self.generationShift
            while generation == seen {
                if wait.pause() > Self.spinNanoseconds {
                    generation = park(seen)
                    break
                }
                generation = state.load(ordering: .acquiring) >> Self.generationShift
            }
            seen = generation
            work(generation)
        }
    }

    /// Sleeps until a job newer than `seen` is published; returns its generation.
    private func park(_ seen: Int) -> Int {
        pthread_mutex_lock(lock)
        parked.add(1, ordering: .sequentiallyConsistent)
        var generation = state.load(ordering: .sequentiallyConsistent) >> Self.generationShift
        while generation == seen {
            pthread_cond_wait(wake, lock)
            generation = state.load(ordering: .sequentiallyConsistent) >> Self.generationShift
        }
        parked.subtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(lock)
        return generation
    }
}

/// A busy wait's steps: the CPU's spin hint, and every 32 steps a look at the clock (a clock read
/// costs more than a hint). After 20 µs each step also yields the core, so that where this process
/// has fewer cores than threads (a CPU quota), the thread being waited for gets to run.
struct BusyWait {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var steps = 0, waited: UInt64 = 0

    /// Waits a little; returns the nanoseconds waited so far (as of the last clock read).
    mutating func pause() -> UInt64 {
        steps += 1
        if steps % 32 == 0 { waited = DispatchTime.now().uptimeNanoseconds - start }
        if waited < 20_000 { folio_cpu_relax() } else { sched_yield() }
        return waited
    }
}
