import Datasets
import Script

/// Datasets a cell makes and reshapes itself: `Dataset(images:labels:shape:)` from its own
/// numbers, `Dataset.concatenate([a, b])` and `a + b`, `take(perClass:)`, `pixels(…)` back as
/// numbers, and the per-batch `resized(to:)` and `rgb()` for models built for other images.
enum DatasetBuildingBindings {
    static func install(_ interpreter: Interpreter, types: PreludeTypes) {
        let wrap = { (data: ImageDataset) in Value.object(DatasetBox(data), type: types.dataset) }
        let namespace = interpreter.namespace("Dataset")
        namespace.constructor([.labeled("images", .array(.array(.double))), .labeled("labels", .array(.int)),
                               .labeled("shape", .array(.int)),
                               .labeled("classNames", .optional(.array(.string)), default: .nil),
                               .labeled("intensity", .optional(.double), default: .nil)]) { args in
            let rows = args.array("images").map { $0.arrayValue?.compactMap(\.doubleValue) ?? [] }
            return wrap(try ImageDataset(rows: rows, labels: args.array("labels").compactMap(\.intValue),
                                         shape: args.array("shape").compactMap(\.intValue),
                                         classNames: args["classNames"].arrayValue?.compactMap(\.stringValue),
                                         intensity: args["intensity"].doubleValue.map(Float.init), name: "data"))
        }
        namespace.function("concatenate", [.positional("datasets", .array(.object("Dataset")))]) { args in
            let parts = args.array("datasets").compactMap { $0.object(as: DatasetBox.self)?.data }
            return wrap(try ImageDataset.concatenated(parts))
        }
        // `a + b` joins two datasets; the result is an object of the left operand's own host type.
        HostOperators.register("+", for: types.dataset.name) { left, right in
            guard let a = left.base as? DatasetBox, let b = right.base as? DatasetBox else {
                throw HostError("'+' joins two datasets; the right operand is a \(right.type.name)")
            }
            return .object(DatasetBox(try ImageDataset.concatenated([a.data, b.data])), type: left.type)
        }
        installMethods(types.dataset, wrap: wrap)
    }

    private static func installMethods(_ dataset: HostType, wrap: @escaping (ImageDataset) -> Value) {
        dataset.property("intensity") { (box: DatasetBox) in .double(Double(box.data.store.fullIntensity)) }
        dataset.method("take", [.labeled("perClass", .dictionary)]) { (box: DatasetBox, args) in
            wrap(try box.data.take(perClass: try quota(args["perClass"])))
        }
        dataset.method("pixels", [.positional("range", .optional(.any), default: .nil)]) { (box: DatasetBox, args) in
            let rows = try box.data.pixelRows(try positions(args["range"], count: box.data.count))
            return .array(rows.map(Value.doubles))
        }
        dataset.method("resized", [.labeled("to", .array(.int))]) { (box: DatasetBox, args) in
            wrap(try box.data.resized(to: args.array("to").compactMap(\.intValue)))
        }
        dataset.method("rgb") { (box: DatasetBox, _) in wrap(box.data.rgb()) }
    }

    /// `[1: 480, 9: 120]` as class → count.
    private static func quota(_ value: Value) throws -> [Int: Int] {
        guard case .dictionary(let dictionary) = value else { throw HostError("perClass: takes [class: count]") }
        var quota: [Int: Int] = [:]
        for (key, count) in zip(dictionary.keys, dictionary.values) {
            guard case .int(let label) = key, let count = count.intValue else {
                throw HostError("perClass: takes whole numbers, class: count, as in [1: 480, 9: 120]; "
                                + "got \(key.value.description): \(count.description)")
            }
            quota[label] = count
        }
        return quota
    }

    /// A range argument (`0..<100`, `0...9`) as positions; nil means all `count`.
    private static func positions(_ value: Value, count: Int) throws -> Range<Int> {
        switch value {
        case .nil: return 0..<count
        case .range(let range) where range.step == nil:
            let upper = range.closed ? Swift.min(range.upper, Int.max - 1) + 1 : range.upper
            guard range.lower <= upper else {
                throw HostError("pixels needs an ascending range, got \(value.description)")
            }
            return range.lower..<upper
        default: throw HostError("pixels takes a range of positions such as 0..<100, got \(value.description)")
        }
    }
}
