// `EngineBench allocations [MODEL,…]`: heap allocations per training batch once an epoch is under way, for the
// bench's CNN and MLP and its sequence models (issue 16: buffers reused across batches, no allocation in the
// steady state). Every allocation of the process counts, on any thread, the Swift runtime's included:
// CAllocationCount replaces malloc and kin in this executable. Prints one line per model and exits 1 when a model
// allocates a buffer in the steady state, or more small objects than its limit below, so that `scripts/test`
// catches an op that starts allocating again. Only meaningful in a release build: a debug build specialises and
// inlines nothing, and allocates for closures and generics that the release build does not.
import CAllocationCount
import Datasets
import Glibc
import Learn

/// The models the census trains, in order, and the most allocations per batch each may make, all of them small
/// objects (below): what each made when the limit was set. The engine README's Zen 3 "allocations" section says
/// what they are; lower a limit when an op stops allocating.
let allocationLimits: KeyValuePairs<String, Double> = [
    "mlp": 13, "cnn": 24, "lstm": 17, "gru": 19, "rnn": 12, "transformer": 50,
]

/// No allocation in the steady state may be this large or larger: every tensor, workspace and scratch buffer is
/// made in the first batches and reused. What remains is bookkeeping (closure contexts of the tape's recorded
/// steps and of parallel regions, small arrays of shapes and inputs), each well under this.
let smallObjectBytes: UInt = 1024

/// The process's allocation counts after every batch, in storage reserved up front so that keeping them allocates
/// nothing.
final class AllocationTally: ProgressSink {
    private(set) var afterBatch: [(count: UInt, bytes: UInt, largest: UInt)] = []
    init(batches: Int) { afterBatch.reserveCapacity(batches) }
    func batchDidEnd(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double,
                     elapsed: Double) {
        afterBatch.append((folio_allocation_count(), folio_allocation_bytes(), folio_take_largest_allocation()))
    }
    func epochDidEnd(_ record: EpochRecord, epochs: Int, batches: Int) {}
}

/// Per batch of a model's steady state: allocations, bytes, and the largest single allocation.
struct SteadyState { let allocations: Double, bytes: Double, largest: UInt }

/// Trains a model for one epoch of `batches` batches of Fashion-MNIST and counts its allocations over the batches
/// after the first `warmUp` (which size the workspaces, the tape and the worker pool, and measure the hand-off).
func steadyState(of net: Sequential, batchSize: Int, data: ImageDataset, batches: Int = 24,
                 warmUp: Int = 8) throws -> SteadyState {
    let tally = AllocationTally(batches: batches)
    _ = try net.fit(data.take(batches * batchSize), epochs: 1, batchSize: batchSize,
                    optimizer: Adam(learningRate: 0.001), progress: tally)
    let after = tally.afterBatch, steady = Double(batches - warmUp)
    guard after.count == batches else {
        throw LearnError.invalidArgument("allocation census: \(after.count) batches trained, \(batches) expected "
                                         + "(the training set has \(data.count) samples)")
    }
    let first = after[warmUp - 1], last = after[batches - 1]
    return SteadyState(allocations: Double(last.count - first.count) / steady,
                       bytes: Double(last.bytes - first.bytes) / steady,
                       largest: after[warmUp...].map(\.largest).max() ?? 0)
}

/// Runs the census over `models` (all when empty); true when every model is within its limits.
func allocationCensus(models: [String]) throws -> Bool {
    let known = allocationLimits.map(\.key)
    if let unknown = models.first(where: { !known.contains($0) }) {
        fputs("EngineBench allocations: unknown model \(unknown); the census knows \(known.joined(separator: ", "))\n",
              stderr)
        return false
    }
    let data = try Datasets.fashionMNIST().train
    var withinLimits = true
    for (name, limit) in allocationLimits where models.isEmpty || models.contains(name) {
        guard let (net, batchSize) = benchModel(name) else {
            fputs("EngineBench allocations: \(name) has a limit but no bench model of that name\n", stderr)
            return false
        }
        let state = try steadyState(of: net, batchSize: batchSize, data: data)
        var problems: [String] = []
        if state.largest >= smallObjectBytes {
            problems.append("a \(state.largest)-byte allocation in the steady state: a buffer is not reused")
        }
        if state.allocations > limit {
            problems.append("more than \(limit) allocations per batch: an op allocates again")
        }
        let verdict = problems.isEmpty ? "ok" : problems.joined(separator: "; ")
        print("allocations_per_batch \(name)=\(state.allocations) bytes_per_batch=\(state.bytes) "
              + "largest=\(state.largest) limit=\(limit) \(verdict)")
        withinLimits = withinLimits && problems.isEmpty
    }
    return withinLimits
}
