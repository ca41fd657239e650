// Times loading the full Fashion-MNIST (train + test, from the gz IDX files) with Folio's
// Datasets module and prints the time, peak resident memory and a checksum.
// Output lines: `folio_seconds=<s>`, `folio_peak_rss_mb=<MB>`, `checksum=<sum of labels>,<sum of pixels>`.
import Datasets
import Glibc

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// VmHWM (peak resident set) from /proc/self/status, in MB.
func peakRSSMegabytes() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return -1 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, file) != nil {
        let text = String(cString: line)
        if text.hasPrefix("VmHWM:") {
            let kb = Double(text.split(separator: " ").dropFirst().first ?? "0") ?? 0
            return kb / 1024
        }
    }
    return -1
}

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/usr/share/datasets/fashion-mnist"
do {
    let start = now()
    let data = try fashionMNIST(directory: directory)
    let seconds = now() - start
    var labelSum = 0, pixelSum = 0
    for split in data.named {
        labelSum += split.data.labels.reduce(0) { $0 + Int($1) }
        if case .bytes(let bytes) = split.data.store.pixels { pixelSum += bytes.reduce(0) { $0 + Int($1) } }
    }
    print("folio_seconds=\(seconds)")
    print("folio_peak_rss_mb=\(peakRSSMegabytes())")
    print("checksum=\(labelSum),\(pixelSum)")
} catch {
    print("error: \(error)")
    exit(1)
}
