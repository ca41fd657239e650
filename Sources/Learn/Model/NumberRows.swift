/// A weight variable as rows of numbers, the form a cell reads and sets by hand: the last
/// dimension is the columns, everything before it the rows (Conv2D's [kh, kw, in, out] reads as
/// kh·kw·in rows of `out`; a rank-1 bias is one row).
extension Variable {
    var rowShape: (rows: Int, columns: Int) {
        let columns = shape.last ?? 1
        return (value.count / max(columns, 1), columns)
    }

    var numberRows: [[Double]] {
        let (count, columns) = rowShape, s = value.scalars
        return (0..<count).map { r in (0..<columns).map { Double(s[r * columns + $0]) } }
    }

    /// Writes `rows` in place; the caller has checked them against `rowShape`.
    func write(rows: [[Double]]) {
        let p = value.mutablePointer
        for (i, number) in rows.joined().enumerated() { p[i] = Float(number) }
    }

    /// The row widths of numbers a cell gave, for errors: "3", "2 or 3", or "0" for none.
    static func widths(of rows: [[Double]]) -> String {
        let widths = Set(rows.map(\.count)).sorted().map(String.init).joined(separator: " or ")
        return widths.isEmpty ? "0" : widths
    }
}

extension Layer {
    /// Refuses to read or set the weights of a layer that has none yet, naming how to build it.
    func checkBuiltForWeights(_ caller: String, sampleShape: String) throws {
        guard !inputShape.isEmpty else {
            throw LearnError.invalidArgument("\(caller): the layer is not built yet, so it has no weights; call "
                                             + "model.build(input: \(sampleShape)) (the sample shape) or fit first")
        }
    }
}
