/// Per-epoch metrics of one training run, as `fit` records them. Validation and accuracy
/// arrays may be empty (no validation set, or a regression loss).
public struct TrainingCurves: Sendable {
    /// Mean training loss per epoch.
    public var trainLoss: [Double]
    /// Validation loss per epoch (empty without a validation set).
    public var validationLoss: [Double]
    /// Training accuracy per epoch, 0…1 (empty for regression).
    public var trainAccuracy: [Double]
    /// Validation accuracy per epoch, 0…1.
    public var validationAccuracy: [Double]

    /// Creates the chart; the data is checked when `svg` is called.
    public init(trainLoss: [Double], validationLoss: [Double] = [], trainAccuracy: [Double] = [],
                validationAccuracy: [Double] = []) {
        self.trainLoss = trainLoss
        self.validationLoss = validationLoss
        self.trainAccuracy = trainAccuracy
        self.validationAccuracy = validationAccuracy
    }

    /// The epoch (1-based) with the lowest validation loss, the one early stopping keeps;
    /// nil without validation data.
    public var bestEpoch: Int? {
        var best: (index: Int, loss: Double)?
        for (i, v) in validationLoss.enumerated() where v.isFinite && v < (best?.loss ?? .infinity) {
            best = (i, v)
        }
        return best.map { $0.index + 1 }
    }
}

/// The standard training figure: loss and accuracy side by side, train and validation per
/// epoch, the best validation epoch marked in both panels. With no accuracy recorded, the loss
/// panel takes the full width.
public struct TrainingFigure: Chart {
    /// The per-epoch metrics to draw.
    public var curves: TrainingCurves
    /// Title drawn at the top; also the SVG `<title>` read by screen readers.
    public var title: String
    /// A log y axis for the loss panel.
    public var logLoss = false

    /// Creates the chart; the data is checked when `svg` is called.
    public init(curves: TrainingCurves, title: String = "Training history", logLoss: Bool = false) {
        self.curves = curves
        self.title = title
        self.logLoss = logLoss
    }

    /// Both panels in one SVG, `width` × `height` user units.
    /// `height` nil draws it 360 units high.
    /// - Throws: `ChartError` when there is no training loss, or when the arrays differ in length.
    public func svg(width: Double = 820, height: Double? = nil) throws -> String {
        let height = height ?? 360
        try checkCanvas(width: width, height: height, chart: "TrainingFigure")
        let c = curves
        guard !c.trainLoss.isEmpty else {
            throw ChartError("TrainingFigure", "the history has no training loss; train for at least one epoch first")
        }
        for (name, values) in [("validation loss", c.validationLoss), ("train accuracy", c.trainAccuracy),
                               ("validation accuracy", c.validationAccuracy)]
        where !values.isEmpty && values.count != c.trainLoss.count {
            throw ChartError("TrainingFigure", "\(name) has \(values.count) epochs but train loss has "
                             + "\(c.trainLoss.count); record every metric once per epoch")
        }
        let best = c.bestEpoch
        var subtitle: String?
        if let best {
            var note = "best validation loss \(shortNumber(c.validationLoss[best - 1])) at epoch \(best)"
            if !c.validationAccuracy.isEmpty { note += ", accuracy \(percent(c.validationAccuracy[best - 1]))" }
            subtitle = note
        }
        var doc = SVGDocument(width: width, height: height, title: title)
        var top = doc.heading(title: title, subtitle: subtitle)
        let entries = [LegendEntry(label: "train", style: .at(0), swatch: .line)]
            + (c.validationLoss.isEmpty ? [] : [LegendEntry(label: "validation", style: .at(1), swatch: .line)])
        top += drawLegend(&doc, entries: entries, top: top + 2, centerX: width / 2, maxWidth: width - 40)

        var loss = panel([c.trainLoss, c.validationLoss], yLabel: "loss", best: best)
        loss.logY = logLoss
        let hasAccuracy = !c.trainAccuracy.isEmpty || !c.validationAccuracy.isEmpty
        let panelWidth = hasAccuracy ? (width - 8) / 2 : width - 8
        drawPanel(loss, heading: "Loss", into: &doc,
                  region: Region(x: 4, y: top, width: panelWidth, height: height - top - 2))
        if hasAccuracy {
            let accuracy = panel([c.trainAccuracy, c.validationAccuracy], yLabel: "accuracy", best: best)
            drawPanel(accuracy, heading: "Accuracy", into: &doc,
                      region: Region(x: 4 + panelWidth, y: top, width: panelWidth, height: height - top - 2))
        }
        return doc.markup()
    }

    /// One panel: train in style 0, validation in style 1 (even when train is missing), the
    /// best epoch as a dashed line with its validation point ringed.
    private func panel(_ values: [[Double]], yLabel: String, best: Int?) -> LineChart {
        var series: [Series] = [], styleOfSeries: [Int] = []
        for (i, v) in values.enumerated() where !v.isEmpty {
            series.append(Series(name: i == 0 ? "train" : "validation", y: v))
            styleOfSeries.append(i)
        }
        var chart = LineChart(series: series, xLabel: "epoch", yLabel: yLabel)
        chart.integerX = true
        chart.styleIndices = styleOfSeries
        if let best {
            chart.marks = [VerticalMark(x: Double(best), label: "best epoch \(best)")]
            if let v = styleOfSeries.firstIndex(of: 1) { chart.highlights = [(v, best - 1)] }
        }
        return chart
    }

    private func drawPanel(_ chart: LineChart, heading: String, into doc: inout SVGDocument, region: Region) {
        doc.text(heading, x: region.x + region.width / 2, y: region.y + 12, size: 12.5, extra: "font-weight=\"600\"")
        chart.draw(into: &doc,
                   region: Region(x: region.x, y: region.y + 16, width: region.width, height: region.height - 16))
    }
}

/// 0.9234 → "92.3%".
func percent(_ fraction: Double) -> String {
    fixed(fraction * 100, decimals: 1) + "%"
}
