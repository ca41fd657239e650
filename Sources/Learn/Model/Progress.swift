#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Dispatch

/// Where `fit` reports progress. Inject `SilentProgress()` (or your own sink) to silence it.
public protocol ProgressSink: AnyObject {
    /// After every batch; sinks decide how often to draw.
    func batchDidEnd(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double, elapsed: Double)
    /// After every epoch, with its record.
    func epochDidEnd(_ record: EpochRecord, epochs: Int, batches: Int)
}

/// Reports nothing.
public final class SilentProgress: ProgressSink {
    public init() {}
    public func batchDidEnd(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double,
                            elapsed: Double) {}
    public func epochDidEnd(_ record: EpochRecord, epochs: Int, batches: Int) {}
}

/// Keras-like progress line on stderr: redrawn in place (\r) at most ~20 times a second on a
/// terminal; one line per epoch otherwise, so logs and files do not flood.
public final class TerminalProgress: ProgressSink {
    private let isTTY: Bool
    private var lastDraw = 0.0
    private let write: (String) -> Void

    /// - Parameter write: where text goes (default stderr); `isTTY` defaults to stderr's.
    public init(isTTY: Bool? = nil, write: ((String) -> Void)? = nil) {
        self.isTTY = isTTY ?? (isatty(2) != 0)
        self.write = write ?? { s in fputs(s, stderr); fflush(stderr) }
    }

    public func batchDidEnd(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double,
                            elapsed: Double) {
        guard isTTY else { return }
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        guard now - lastDraw >= 0.05 || batch == batches else { return }
        lastDraw = now
        let eta = batch > 0 ? elapsed / Double(batch) * Double(batches - batch) : 0
        write("\r" + Self.line(epoch: epoch, epochs: epochs, batch: batch, batches: batches, loss: loss,
                               accuracy: accuracy)
              + " · \(Int(elapsed))s · ETA \(Int(eta.rounded()))s\u{1B}[K")
    }

    public func epochDidEnd(_ r: EpochRecord, epochs: Int, batches: Int) {
        var s = Self.line(epoch: r.epoch, epochs: epochs, batch: batches, batches: batches, loss: r.loss,
                          accuracy: r.accuracy)
        if let vl = r.validationLoss,
           let va = r.validationAccuracy { s += " · val_loss \(fmt(vl)) · val_acc \(fmt(va))" }
        s += " · \(Int(r.seconds.rounded()))s"
        write((isTTY ? "\r" : "") + s + (isTTY ? "\u{1B}[K" : "") + "\n")
    }

    /// `Epoch 3/10  470/938 ━━━━━━━━━━────  loss 0.312 · acc 0.887`
    static func line(epoch: Int, epochs: Int, batch: Int, batches: Int, loss: Double, accuracy: Double) -> String {
        let width = 20, filled = batches > 0 ? width * batch / batches : width
        let bar = String(repeating: "━", count: filled) + String(repeating: "─", count: width - filled)
        return "Epoch \(epoch)/\(epochs)  \(batch)/\(batches) \(bar)  loss \(fmt(loss)) · acc \(fmt(accuracy))"
    }
}

private func fmt(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let v = (x * 1000).rounded() / 1000
    var s = String(v)
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        s += String(repeating: "0", count: max(0, 3 - decimals))
    }
    return s
}
