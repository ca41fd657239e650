import Dispatch
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Synchronization

/// The smallest loop worth splitting across cores on this machine, measured once per process.
///
/// Splitting saves `(1 − 1/cores)` of a loop's time and costs one hand-off to the workers and back.
/// Both vary between machines and with load (on the KVM guest this was written on: about 1 µs to workers
/// that are awake, 10–20 µs to wake a parked one), so a constant threshold is wrong somewhere: here the
/// two are timed at first use and a loop is split only where the saving exceeds the hand-off.
///
/// Only loops whose results do not depend on how the range is split may use it (`Parallel.forEach`):
/// a measured value differs between processes, and seeded runs must repeat bit for bit.
enum HandOffCost {
    /// Work units (about one vectorised scalar operation each) above which splitting pays.
    /// `FOLIO_SPLIT_WORK=<units>` sets it instead (to compare thresholds in a benchmark).
    static let breakEvenWork: Int = {
        if let text = getenv("FOLIO_SPLIT_WORK"), let units = Int(String(cString: text)), units > 0 { return units }
        let cores = Parallel.cores
        guard cores > 1 else { return Int.max }
        let handOff = medianNanoseconds(runs: 15) { rendezvous(cores) }
        let unit = unitNanoseconds()
        return breakEven(handOffNanoseconds: handOff, unitNanoseconds: unit, cores: cores)
    }()

    /// Bounds on the measured threshold: a wildly noisy measurement (another process preempting
    /// the timing loop) must not serialise large loops or split tiny ones.
    static let bounds = 16_384...(1 << 18)

    /// Where `work · unit · (1 − 1/cores)` equals the hand-off time, clamped to `bounds`.
    static func breakEven(handOffNanoseconds: Double, unitNanoseconds: Double, cores: Int) -> Int {
        guard cores > 1, unitNanoseconds > 0, handOffNanoseconds.isFinite else { return bounds.lowerBound }
        let saving = unitNanoseconds * (1 - 1 / Double(cores))
        let work = handOffNanoseconds / saving
        guard work.isFinite, work < Double(bounds.upperBound) else { return bounds.upperBound }
        return min(max(Int(work.rounded()), bounds.lowerBound), bounds.upperBound)
    }

    /// Time per unit of a typical split loop: y += α·x over 16k floats (in cache, as the loops
    /// the threshold decides about are small).
    private static func unitNanoseconds() -> Double {
        let n = 16_384
        let x = UnsafeMutablePointer<Float>.allocate(capacity: n), y = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { x.deallocate(); y.deallocate() }
        x.initialize(repeating: 1e-3, count: n); y.initialize(repeating: 0, count: n)
        // Written out here: the kernels themselves consult this threshold.
        let total = medianNanoseconds(runs: 7) { for i in 0..<n { y[i] += 0.5 * x[i] } }
        sink = y[n - 1]  // keeps the loop from being optimised away
        return total / Double(n)
    }

    /// One parallel region in which every chunk waits until all have started, so the time includes
    /// waking the workers (an empty region can finish on the caller before any worker wakes). A
    /// worker that does not come within a millisecond (the machine is busy) is not waited for.
    private static func rendezvous(_ cores: Int) {
        let arrived = Atomic<Int>(0)
        Parallel.inParts(cores) { _ in
            arrived.add(1, ordering: .acquiringAndReleasing)
            let start = DispatchTime.now().uptimeNanoseconds
            while arrived.load(ordering: .acquiring) < cores,
                  DispatchTime.now().uptimeNanoseconds - start < 1_000_000 {}
        }
    }

    nonisolated(unsafe) private static var sink: Float = 0

    /// Median wall time of `runs` calls after one warm-up call (thread start, page faults).
    private static func medianNanoseconds(runs: Int, _ body: () -> Void) -> Double {
        body()
        var times = [Double]()
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        return times.sorted()[runs / 2]
    }
}
