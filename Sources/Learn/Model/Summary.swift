import CellOutput
/// One row of a model summary, with Keras's columns.
public struct SummaryRow: Equatable {
    /// "conv2d (Conv2D)"
    public let layer: String
    /// "(None, 26, 26, 32)"
    public let outputShape: String
    /// Number of values in the layer's weights (trainable and not).
    public let parameters: Int
}

/// A model summary: rows plus total, trainable and non-trainable parameter counts.
public struct ModelSummary: CustomStringConvertible {
    public let rows: [SummaryRow]
    public let total: Int, trainable: Int, nonTrainable: Int

    /// The table as Keras prints it (without box drawing).
    public var description: String {
        let headers = ("Layer (type)", "Output Shape", "Param #")
        let w0 = max(headers.0.count, rows.map(\.layer.count).max() ?? 0) + 2
        let w1 = max(headers.1.count, rows.map(\.outputShape.count).max() ?? 0) + 2
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(w - s.count, 0)) }
        var lines = [pad(headers.0, w0) + pad(headers.1, w1) + headers.2]
        lines += rows.map { pad($0.layer, w0) + pad($0.outputShape, w1) + grouped($0.parameters) }
        lines.append("Total params: \(grouped(total))")
        lines.append("Trainable params: \(grouped(trainable))")
        lines.append("Non-trainable params: \(grouped(nonTrainable))")
        return lines.joined(separator: "\n")
    }
}

/// 93322 -> "93,322", as Keras prints parameter counts.
public func grouped(_ n: Int) -> String { groupedThousands(n) }

extension Sequential {
    /// Builds the model for samples of shape `input` (if not built for it already) and returns
    /// its summary. Counts agree with Keras (BatchNormalization: 4 per channel, 2 non-trainable;
    /// frozen layers count as non-trainable).
    public func summary(input: [Int]) throws -> ModelSummary {
        if inputShape != input { try build(input: input) }
        let rows = layers.map { layer in
            let shape = "(None, " + layer.outputShape.map(String.init).joined(separator: ", ") + ")"
            let count = layer.parameters.reduce(0) { $0 + $1.variable.value.count }
            return SummaryRow(layer: "\(layer.name) (\(layer.typeName))", outputShape: shape, parameters: count)
        }
        let counts = parameterCounts
        return ModelSummary(rows: rows, total: counts.trainable + counts.nonTrainable, trainable: counts.trainable,
                            nonTrainable: counts.nonTrainable)
    }

    /// The weights training changes and those it does not (a frozen layer's, batch normalisation's
    /// moving statistics), counted as Keras counts them.
    public var parameterCounts: (trainable: Int, nonTrainable: Int) {
        var trainable = 0, frozen = 0
        for layer in layers {
            for p in layer.parameters {
                if p.trainable && layer.trainable { trainable += p.variable.value.count } else {
                    frozen += p.variable.value.count
                }
            }
        }
        return (trainable, frozen)
    }
}
