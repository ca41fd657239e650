import CellOutput
import Datasets
import Learn
import Script

/// Counting-language sequences inside the cell language: `Datasets.sequences(.anbn, count: 500)`.
final class SequencesBox: TrainingData, Displayable {
    let data: SequenceDataset
    init(_ data: SequenceDataset) { self.data = data }

    var batches: LabeledBatches { data }
    var classNames: [String] { data.language.symbols.map(String.init) }

    func display() -> [Output] {
        let example = String(data.string(at: 0).prefix(60))
        return [.table(Table(title: "Sequences \(data.language.rawValue)",
                             header: ["samples", "steps", "symbols", "first sample"],
                             rows: [[String(data.count), String(data.steps),
                                     classNames.joined(separator: " "), example]],
                             numericColumns: [0, 1]))]
    }
}

/// `Datasets.sequences(…)` and the members of a sequence set.
enum SequenceDataBindings {
    static func install(_ interpreter: Interpreter, session: Session) {
        let type = HostType("Sequences")
        interpreter.register(type)
        let languages = CountingLanguage.allCases.map(\.rawValue)
        interpreter.namespace("Datasets").function("sequences", [
            .positional("language", .oneOf("CountingLanguage", languages)),
            .labeled("count", .int, default: .int(500)), .labeled("steps", .int, default: .int(40)),
            .labeled("minN", .int, default: .int(1)), .labeled("maxN", .int, default: .int(5)),
        ]) { args in
            let language = CountingLanguage(rawValue: args.symbol("language") ?? "") ?? .anbn
            let (count, steps, minN, maxN) = (args.int("count"), args.int("steps"), args.int("minN"), args.int("maxN"))
            guard count > 0, steps > 1 else {
                throw HostError("sequences need count ≥ 1 and steps ≥ 2, got count \(count), steps \(steps)")
            }
            guard minN >= 1, maxN >= minN else {
                throw HostError("sequences need 1 ≤ minN ≤ maxN, got minN \(minN), maxN \(maxN)")
            }
            let data = try SequenceDataset(language: language, count: count, steps: steps, minN: minN, maxN: maxN,
                                           seed: session.nextSeed())
            return .object(SequencesBox(data), type: type)
        }
        type.description { (box: SequencesBox) in
            "<Sequences \(box.data.language.rawValue): \(box.data.count) samples>"
        }
        type.property("count") { (box: SequencesBox) in .int(box.data.count) }
        type.property("steps") { (box: SequencesBox) in .int(box.data.steps) }
        type.property("symbols") { (box: SequencesBox) in .strings(box.classNames) }
        type.method("text", [.positional("index", .int)]) { (box: SequencesBox, args) in
            .string(box.data.string(at: try sampleIndex(args, count: box.data.count)))
        }
    }
}

/// The `index` argument, checked against a dataset of `count` samples.
func sampleIndex(_ args: Arguments, _ name: String = "index", count: Int) throws -> Int {
    let index = args.int(name)
    guard index >= 0, index < count else {
        throw HostError("'\(name)' \(index) is out of range: the data has \(count) samples (0..<\(count))")
    }
    return index
}
