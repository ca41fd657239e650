/// How many samples each class has.
public struct LabelDistribution: Equatable, Sendable {
    /// Samples per class, index = label.
    public let counts: [Int]
    /// `counts` divided by the total (0 for an empty dataset).
    public let fractions: [Double]
    /// Class names, index = label.
    public let classNames: [String]
    /// Largest class count over smallest (∞ when a class is empty; 1 when balanced).
    public var imbalanceRatio: Double {
        guard let largest = counts.max(), let smallest = counts.min(), largest > 0 else { return 1 }
        return smallest == 0 ? .infinity : Double(largest) / Double(smallest)
    }

    /// `class | name | count | fraction`.
    public var table: SummaryTable {
        SummaryTable(title: "Label distribution (imbalance ratio \(TableValue.number(imbalanceRatio)))",
                     columns: ["class", "name", "count", "fraction"],
                     rows: counts.indices.map { [.int($0), .text(classNames[$0]), .int(counts[$0]),
                                                 .number(fractions[$0])] })
    }
}

/// The outcome of one check.
public enum CheckStatus: String, Sendable {
    case ok, warning, problem
}

/// One row of ``DatasetCheck``.
public struct CheckResult: Equatable, Sendable {
    /// The split checked (`train`, `test`, `data`, or `all` for cross-split checks).
    public let split: String
    /// What was checked.
    public let check: String
    /// The outcome.
    public let status: CheckStatus
    /// What was found, in words.
    public let detail: String
}

/// The results of ``ImageDataset/check()`` or ``ImageSplits/check()``.
public struct DatasetCheck: Equatable, Sendable {
    /// One result per check and split.
    public let results: [CheckResult]
    /// True when no check found a problem (warnings allowed).
    public var passed: Bool { !results.contains { $0.status == .problem } }
    /// `split | check | status | detail`.
    public var table: SummaryTable {
        SummaryTable(title: "Data checks", columns: ["split", "check", "status", "detail"],
                     rows: results.map { [.text($0.split), .text($0.check), .text($0.status.rawValue),
                                          .text($0.detail)] })
    }
}

extension RowSelectable {
    /// Samples per class, fractions and the imbalance ratio.
    public func labelCounts(classNames: [String]? = nil) -> LabelDistribution {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels where label >= 0 && Int(label) < classCount { counts[Int(label)] += 1 }
        let total = counts.reduce(0, +)
        let names = classNames ?? (0..<classCount).map(String.init)
        return LabelDistribution(counts: counts, fractions: counts.map { total == 0 ? 0 : Double($0) / Double(total) },
                                 classNames: names)
    }
}

extension ImageDataset {
    /// Samples per class, with this dataset's class names.
    public func labelCounts() -> LabelDistribution { labelCounts(classNames: classNames) }

    /// Size, image shape, missing or non-finite pixels, pixel range, label range and class balance.
    public func check(split: String = "data") -> DatasetCheck {
        var results: [CheckResult] = []
        func add(_ check: String, _ status: CheckStatus, _ detail: String) {
            results.append(CheckResult(split: split, check: check, status: status, detail: detail))
        }
        add("samples", count > 0 ? .ok : .problem, "\(count) images")
        let shapeText = sampleShape.map(String.init).joined(separator: "×")
        add("image shape", .ok, "all \(shapeText) (one shape per store, checked when read)")
        var nonFinite = 0, low = Float.infinity, high = -Float.infinity
        forEachRawPixelRow { values in
            for v in values {
                if v.isFinite { low = Swift.min(low, v); high = Swift.max(high, v) } else { nonFinite += 1 }
            }
        }
        add("missing / non-finite", nonFinite == 0 ? .ok : .problem, "\(nonFinite) non-finite pixel values")
        let full = TableValue.number(Double(store.fullIntensity))
        add("full intensity", .ok, "\(full) (\(store.intensitySource)); scaling divides by it")
        if count > 0 {
            let inRange = low >= 0 && high <= store.fullIntensity
            add("pixel range", inRange ? .ok : .warning,
                "raw \(TableValue.number(Double(low)))…\(TableValue.number(Double(high))) (full intensity \(full))"
                    + (inRange ? "" : "; pass intensity: to load if full intensity is another value"))
        }
        let allLabels = labels
        if let lowest = allLabels.min(), let highest = allLabels.max() {
            let inRange = lowest >= 0 && Int(highest) < classCount
            add("label range", inRange ? .ok : .problem, "\(lowest)…\(highest) for \(classCount) classes")
        }
        let distribution = labelCounts()
        let ratio = distribution.imbalanceRatio
        let empty = distribution.counts.filter { $0 == 0 }.count
        add("class balance", empty > 0 ? .warning : (ratio > 1.5 ? .warning : .ok),
            "imbalance ratio \(TableValue.number(ratio))" + (empty > 0 ? ", \(empty) empty classes" : "")
            + (ratio > 1.5 ? "; consider balanced()" : ""))
        return DatasetCheck(results: results)
    }
}

extension ImageSplits {
    /// Each split's checks, plus whether the splits agree on image shape and classes.
    public func check() -> DatasetCheck {
        var results = named.flatMap { $0.data.check(split: $0.name).results }
        if let test {
            let same = test.sampleShape == train.sampleShape && test.classCount == train.classCount
            results.append(CheckResult(split: "all", check: "splits agree", status: same ? .ok : .problem,
                                       detail: "train \(train.sampleShape) × \(train.classCount) classes, "
                                           + "test \(test.sampleShape) × \(test.classCount) classes"))
        }
        return DatasetCheck(results: results)
    }

    /// `split | count | fraction | shape | classes | imbalance`.
    public func summary() -> SummaryTable {
        SummaryTable(title: "Splits", columns: ["split", "count", "fraction", "shape", "classes", "imbalance"],
                     rows: named.map { split in
                         let total = named.reduce(0) { $0 + $1.data.count }
                         return [.text(split.name), .int(split.data.count),
                                 .number(total == 0 ? 0 : Double(split.data.count) / Double(total)),
                                 .text(split.data.sampleShape.map(String.init).joined(separator: "×")),
                                 .int(split.data.classCount), .number(split.data.labelCounts().imbalanceRatio)]
                     })
    }
}
