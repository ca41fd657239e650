// Folio's side of `scripts/bench engine`: trains the issue's CNN or MLP on the full
// Fashion-MNIST (60k train, batch 64, Adam 1e-3), then evaluates on the 10k test images;
// and of `scripts/bench sequence`: the LSTM, RNN and Transformer of SequenceModels.swift (batch 128).
// Usage: EngineBench cnn|mlp|lstm|gru|rnn|transformer [EPOCHS [INFERENCE-PASSES]]   or   EngineBench sgemm
//    or   EngineBench layers [NAME-PREFIX] (see LayerProfile.swift)   or   EngineBench allocations [MODEL,…]
//    (heap allocations per training batch, see AllocationCensus.swift)
// Output lines (parsed by scripts/bench.py; reference.py prints the same keys):
//   epoch_seconds=<s>,<s>,…   test_accuracy=<%>   peak_rss_mb=<MB>   cpu_seconds=<whole process, all threads>
//   infer_seconds=<s>,<s>,… (INFERENCE-PASSES > 0: each a timed `evaluate` of the trained model on the
//   test set, after the run's first evaluation)   infer_images=<test images per pass>
//   (sgemm: sgemm_gflops=<GFLOP/s, best of 25>   sgemm_sustained_gflops=<GFLOP/s over 3 s>)
// FOLIO_BENCH_GEMM=512|256|openblas runs every product on that setting (Gemm.Setting), to compare Folio's
// AVX-512 and AVX2 kernels and OpenBLAS on one machine; unset, the CPU's standard one.
// FOLIO_BENCH_WINOGRAD=off runs the 3×3 convolutions as products over their fields (WinogradConvolution.enabled).
import CKernels
import Datasets
import Dispatch
import Glibc
import Learn
import Tensor

// The engine reads data through Learn's protocol; Datasets' ImageDataset already has its members.
extension ImageDataset: LabeledBatches {}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// VmHWM (peak resident set) from /proc/self/status, in MB.
func peakRSSMegabytes() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, file) != nil {
        let text = String(cString: line)
        if text.hasPrefix("VmHWM:") { return (Double(text.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024 }
    }
    return -1
}

/// The machine's SGEMM rate through the same core split the engine uses, on 1024×1024×1024 products: the best of
/// 25 (the least disturbed by other processes: what the kernels can do) and the rate sustained over `seconds` of
/// products back to back (what they do under the machine's load, measured the way an epoch is).
func sgemmGFLOPs(sustainedFor seconds: Double = 3) -> (best: Double, sustained: Double) {
    let n = 1024, flops = 2 * Double(n * n * n)
    let a = Tensor(zeros: [n, n]), b = Tensor(zeros: [n, n])
    var c = Tensor(zeros: [n, n])
    var best = Double.infinity
    for _ in 0..<25 {
        let t0 = now()
        Gemm.multiply(a.pointer, b.pointer, into: c.mutablePointer, m: n, n: n, k: n)
        best = min(best, now() - t0)
    }
    let start = now()
    var products = 0
    while now() - start < seconds {
        Gemm.multiply(a.pointer, b.pointer, into: c.mutablePointer, m: n, n: n, k: n)
        products += 1
    }
    return (flops / best / 1e9, flops * Double(products) / (now() - start) / 1e9)
}

func model(_ kind: String) -> Sequential? {
    switch kind {
    case "cnn":
        return Sequential {
            Conv2D(32, kernelSize: 3, activation: .relu); MaxPool2D(2)
            Conv2D(64, kernelSize: 3, activation: .relu); MaxPool2D(2)
            Conv2D(64, kernelSize: 3, activation: .relu)
            Flatten(); Dense(64, activation: .relu); Dense(10)
        }
    case "mlp":
        return Sequential { Flatten(); Dense(150, activation: .tanh); Dense(10) }
    default: return nil
    }
}

/// Any bench model by name, with the batch size it trains at: the CNN and MLP at 64, the sequence models at 128.
func benchModel(_ name: String) -> (net: Sequential, batchSize: Int)? {
    model(name).map { ($0, 64) } ?? sequenceModel(name).map { ($0, sequenceBatchSize) }
}

if let name = getenv("FOLIO_BENCH_GEMM").map({ String(cString: $0) }) {
    let setting = Gemm.Setting.available.first { "\($0)" == "folio-\(name)" || "\($0)".lowercased() == name }
    guard let setting else {
        fputs("FOLIO_BENCH_GEMM=\(name): this CPU runs \(Gemm.Setting.available.map { "\($0)" })\n", stderr)
        exit(2)
    }
    setting.select()
}
if let value = getenv("FOLIO_BENCH_WINOGRAD").map({ String(cString: $0) }) {
    WinogradConvolution.enabled = value != "off"
}

let arguments = CommandLine.arguments
let kind = arguments.count > 1 ? arguments[1] : ""
if kind == "sgemm" {
    let rate = sgemmGFLOPs()
    print("sgemm_gflops=\(rate.best)\nsgemm_sustained_gflops=\(rate.sustained)")
    exit(0)
}
if kind == "allocations" {
    do {
        exit(try allocationCensus(models: arguments.dropFirst(2).flatMap { $0.split(separator: ",").map(String.init) })
             ? 0 : 1)
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(1)
    }
}
if kind == "layers" {
    do {
        try profileLayers(only: arguments.count > 2 ? arguments[2] : "")
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(1)
    }
    exit(0)
}
guard let (net, batchSize) = benchModel(kind) else {
    fputs("usage: EngineBench cnn|mlp|lstm|gru|rnn|transformer [EPOCHS] | sgemm | layers | allocations\n", stderr)
    exit(2)
}
let epochs = arguments.count > 2 ? Int(arguments[2]) ?? 2 : 2
let inferencePasses = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 0

/// Wall seconds of each of `passes` evaluations of `net` on `test`: inference through the public
/// path a notebook's `evaluate` takes (batches of its default 256, loss, predictions, confusion matrix).
func inferenceSeconds(_ net: Sequential, on test: LabeledBatches, passes: Int) throws -> [Double] {
    try (0..<passes).map { _ in
        let start = now()
        _ = try net.evaluate(test)
        return now() - start
    }
}

do {
    let data = try Datasets.fashionMNIST()
    guard let test = data.test else { fputs("fashion-mnist has no test split\n", stderr); exit(1) }
    let history = try net.fit(data.train, epochs: epochs, batchSize: batchSize, optimizer: Adam(learningRate: 0.001),
                              progress: SilentProgress())
    let evaluation = try net.evaluate(test)
    let inference = try inferenceSeconds(net, on: test, passes: inferencePasses)
    if !inference.isEmpty {
        print("infer_seconds=" + inference.map { String($0) }.joined(separator: ","))
        print("infer_images=\(test.count)")
    }
    print("epoch_seconds=" + history.epochs.map { String($0.seconds) }.joined(separator: ","))
    print("test_accuracy=\((evaluation.accuracy * 10_000).rounded() / 100)")  // two decimals, no binary tail
    print("peak_rss_mb=\(peakRSSMegabytes())")
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpuSeconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    print("cpu_seconds=\(cpuSeconds)")
    // For the record: the measured hand-off break-even and the SGEMM's cache blocks on this CPU.
    print("split_threshold=\(Parallel.minimumSplitWork)")
    var kc = 0, mc = 0
    folio_gemm_block_sizes(&kc, &mc)
    print("gemm_blocks=kc \(kc), mc \(mc)")
} catch {
    fputs("error: \(error)\n", stderr)
    exit(1)
}
