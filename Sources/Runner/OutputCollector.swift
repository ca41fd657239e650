import CellOutput

/// Gathers one cell's outputs, up to a total size, so that `print` in a runaway loop cannot grow a
/// report (or memory) without bound: past the limit, outputs are dropped and one note says so.
final class OutputCollector {
    /// 32 MB of outputs per cell: thousands of tables and charts, yet a report a browser can open.
    static let maxBytes = 32 << 20

    private(set) var outputs: [Output] = []
    private var bytes = 0
    private var truncated = false
    private let forward: (Output) -> Void

    /// `forward` sees every output kept, as it is kept.
    init(forward: @escaping (Output) -> Void = { _ in }) {
        self.forward = forward
    }

    func add(_ output: Output) {
        guard !truncated else { return }
        let size = output.approximateBytes
        guard bytes + size <= Self.maxBytes else {
            truncated = true
            let note = Output.text("[output truncated: this cell's outputs passed \(Self.maxBytes >> 20) MB; "
                                   + "print less, or summarise in a table or chart]\n")
            outputs.append(note)
            forward(note)
            return
        }
        bytes += size
        outputs.append(output)
        forward(output)
    }
}

extension Output {
    /// Roughly how many bytes the output adds to the report.
    var approximateBytes: Int {
        switch self {
        case .text(let text), .markdown(let text): return text.utf8.count
        case .svg(let markup, let title): return markup.utf8.count + title.utf8.count
        case .table(let table):
            return (table.rows + [table.header]).reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 2 } }
        }
    }
}
