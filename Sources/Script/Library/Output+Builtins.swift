import Foundation

extension Interpreter {
    /// Shows a value as a cell's last expression or `display(x)` does.
    func display(_ value: Value) {
        // `display(table(…))`: the table has shown itself; its `()` result shows nothing.
        if case .void = value { return }
        if case .object(let o) = value, let d = o.base as? Displayable {
            for output in d.display() { emit(output) }
            return
        }
        emit(.text(value.description + "\n"))
    }

    /// Shows `output` in the running cell's outputs, for host functions that show as well as return.
    public func show(_ output: Output) {
        emit(output)
    }

    /// `print`, `display`, `markdown` and `table`.
    func installOutputBuiltins() {
        register(function: "print", [.variadic("items"), .labeled("separator", .string, default: .string(" ")),
                                     .labeled("terminator", .string, default: .string("\n"))]) { [unowned self] args in
            let text = args.array("items").map(\.description).joined(separator: args.string("separator"))
            self.emit(.text(text + args.string("terminator")))
            return .void
        }
        register(function: "display", [.variadic("items")]) { [unowned self] args in
            for item in args.array("items") { self.display(item) }
            return .void
        }
        register(function: "markdown", [.positional("text", .string)]) { [unowned self] args in
            self.emit(.markdown(args.string("text")))
            return .void
        }
        register(function: "table", [.positional("rows", .array(.any)), .labeled("header", .array(.string)),
                                     .labeled("title", .optional(.string), default: .nil)]) { [unowned self] args in
            let rows = try args.array("rows").map { row -> [Value] in
                switch row {
                case .array(let cells): return cells
                case .tuple(let t): return t.elements
                default: throw HostError("each table row must be an array or tuple of cells, got '\(row.typeName)'")
                }
            }
            let header = args.array("header").map(\.description)
            if let bad = rows.firstIndex(where: { $0.count != header.count }) {
                throw HostError("table row \(bad) has \(rows[bad].count) cells but the header has \(header.count) "
                                + "columns")
            }
            self.emit(.table(Interpreter.makeTable(header: header, rows: rows,
                                                   title: args.isNil("title") ? nil : args.string("title"))))
            return .void
        }
        register(function: "table",
                 [.positional("dictionary", .dictionary),
                  .labeled("title", .optional(.string), default: .nil)]) { [unowned self] args in
            var rows: [[Value]] = []
            switch args["dictionary"] {
            case .dictionary(let d): rows = zip(d.keys, d.values).map { [$0.value, $1] }
            case .record(let r): rows = r.keys.sorted().map { [.string($0), r[$0] ?? .nil] }
            default: break
            }
            self.emit(.table(Interpreter.makeTable(header: ["key", "value"], rows: rows,
                                                   title: args.isNil("title") ? nil : args.string("title"))))
            return .void
        }
    }

    /// Formats cells (numbers compactly) and flags the columns that hold only numbers.
    static func makeTable(header: [String], rows: [[Value]], title: String?) -> Table {
        var numeric = Set(header.indices)
        for row in rows {
            for (c, cell) in row.enumerated() {
                switch cell {
                case .int, .double: break
                default: numeric.remove(c)
                }
            }
        }
        if rows.isEmpty { numeric = [] }
        let cells = rows.map { $0.map(formatCell) }
        return Table(title: title, header: header, rows: cells, numericColumns: numeric)
    }

    /// `0.91234567` → "0.9123", `3.0` → "3.0", `1.5e-07` → "1.500e-07", strings as they are.
    static func formatCell(_ v: Value) -> String {
        guard case .double(let d) = v else { return v.description }
        if !d.isFinite || d == 0 { return d.description }
        let a = Swift.abs(d)
        if a >= 1e-3 && a < 1e7 {
            var s = String(format: "%.4f", d)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s += "0" }
            return s
        }
        return String(format: "%.3e", d)
    }
}
