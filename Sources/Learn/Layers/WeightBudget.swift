import RunLimits

/// Sizes of weights and activations, checked before a layer or a model allocates them: a layer
/// size typed as `Dense(1_000_000_000)` is a budget error naming the layer, never a process
/// killed for memory, and shape products that would overflow `Int` are errors too.
enum ShapeSize {
    /// Elements of `shape`, saturating at `Int.max` (which no budget admits).
    static func elements(_ shape: [Int]) -> Int {
        shape.reduce(1) { ByteCount.product($0, $1) }
    }

    /// `a + b`, saturating at `Int.max`.
    static func sum(_ a: Int, _ b: Int) -> Int {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : total
    }

    /// Bytes of `count` Float32 values, or a size error when no memory could hold them.
    static func floatBytes(_ count: Int, of what: @autoclosure () -> String) throws -> Int {
        guard count < Int.max / 4 else {
            throw LimitExceeded(.size, "\(what()) would hold more values than any memory can (\(count) or more); "
                                + "use smaller sizes")
        }
        return count * 4
    }

    /// `1,234,567`, as counts read in messages.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}

extension Layer {
    /// Throws unless the weights of `shapes` can be made now: their element counts must not
    /// overflow and their bytes must fit the run's memory budget. Every layer with weights calls
    /// it before creating them.
    func reserveWeights(_ shapes: [[Int]]) throws {
        let count = shapes.reduce(0) { ShapeSize.sum($0, ShapeSize.elements($1)) }
        let what = "layer \(name.isEmpty ? typeName : name) (\(typeName), weights of shapes "
            + "\(shapes.map { "\($0)" }.joined(separator: ", ")), \(ShapeSize.grouped(count)) in all)"
        try RunBudget.shared.reserve(try ShapeSize.floatBytes(count, of: what), for: what)
    }
}
