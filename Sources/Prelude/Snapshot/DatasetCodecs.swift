import Datasets
import Foundation
import Script

/// A dataset view: its pixels as one blob per store (written once however many views share it),
/// then the view itself (rows, classes, scaling, augmentation and its generator, geometry).
struct DatasetCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        try Self.write(try expect(object, DatasetBox.self).data, into: &encoder, context: context)
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        DatasetBox(try Self.read(from: &decoder, context: context))
    }

    static func write(_ data: ImageDataset, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let blob = try context.pixelBlob(data.store, blobs: encoder.blobs)
        Self.writeView(data, blob: blob, into: &encoder.archive, context: context)
    }

    private static func writeView(_ data: ImageDataset, blob: String, into a: inout ArchiveWriter,
                                  context: PreludeSnapshots) {
        a.string(blob)
        a.plain(data.rows)
        a.int(data.classCount); a.strings(data.classNames); a.string(data.name)
        switch data.scaling {
        case .raw: a.byte(0)
        case .unit: a.byte(1)
        case .symmetric: a.byte(2)
        case .standardized(let mean, let std): a.byte(3); a.double(Double(mean)); a.double(Double(std))
        }
        a.optionalDouble(data.binarizeThreshold.map(Double.init))
        a.bool(data.augmentation != nil)
        if let augmentation = data.augmentation {
            a.int(augmentation.maxShift); a.double(augmentation.maxRotation)
            let generator = augmentation.generator
            let number = context.generatorNumbers[generator.identity] ?? context.generatorNumbers.count
            context.generatorNumbers[generator.identity] = number
            a.int(number); a.uint64(generator.state)
        }
        a.bool(data.geometry != nil)
        if let g = data.geometry { a.ints([g.height, g.width, g.channels]) }
    }

    static func read(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> ImageDataset {
        let store = try context.pixels(try decoder.archive.string(), blobs: decoder.blobs)
        let rows = try decoder.archive.plain(Int.self)
        guard rows.allSatisfy({ store.labels.indices.contains($0) }) else {
            throw ArchiveError.unknown("a cached dataset's rows beyond its images")
        }
        let classCount = try decoder.archive.int(), classNames = try decoder.archive.strings()
        var data = ImageDataset(store: store, classCount: classCount, classNames: classNames,
                                name: try decoder.archive.string()).selecting(rows: rows)
        switch try decoder.archive.byte() {
        case 0: data.scaling = .raw
        case 1: data.scaling = .unit
        case 2: data.scaling = .symmetric
        case 3: data.scaling = .standardized(mean: Float(try decoder.archive.double()),
                                             std: Float(try decoder.archive.double()))
        case let tag: throw ArchiveError.unknownTag(tag, "a dataset's scaling")
        }
        data.binarizeThreshold = try decoder.archive.optionalDouble().map(Float.init)
        if try decoder.archive.bool() {
            let shift = try decoder.archive.int(), rotation = try decoder.archive.double()
            let number = try decoder.archive.int(), state = try decoder.archive.uint64()
            let generator = context.restoredGenerators[number] ?? AugmentationGenerator(state: state)
            context.restoredGenerators[number] = generator
            data.augmentation = Augmentation(maxShift: shift, maxRotation: rotation, generator: generator)
        }
        if try decoder.archive.bool() {
            let sides = try decoder.archive.ints()
            guard sides.count == 3 else { throw ArchiveError.unknown("a dataset's geometry") }
            data.geometry = ImageGeometry(restoring: sides[0], width: sides[1], channels: sides[2])
        }
        return data
    }
}

extension PreludeSnapshots {
    /// The blob holding a store's pixels and labels, written the first time the store is met.
    func pixelBlob(_ store: ImageStore, blobs: BlobStore) throws -> String {
        if let known = storedPixels[ObjectIdentifier(store)], blobs.contains(known.blob) { return known.blob }
        var archive = ArchiveWriter()
        switch store.pixels {
        case .bytes(let bytes): archive.byte(0); archive.plain(bytes)
        case .floats(let floats): archive.byte(1); archive.plain(floats)
        }
        archive.plain(store.labels)
        archive.ints(store.sampleShape)
        archive.double(Double(store.fullIntensity))
        archive.string(store.intensitySource)
        let name = try blobs.put(archive.data)
        storedPixels[ObjectIdentifier(store)] = (store, name)
        restoredPixels[name] = store
        return name
    }

    /// The store a pixel blob holds, read once per run.
    func pixels(_ name: String, blobs: BlobStore) throws -> ImageStore {
        if let store = restoredPixels[name] { return store }
        var archive = ArchiveReader(try blobs.get(name))
        let pixels: ImageStore.Pixels
        switch try archive.byte() {
        case 0: pixels = .bytes(try archive.plain(UInt8.self))
        case 1: pixels = .floats(try archive.plain(Float.self))
        case let tag: throw ArchiveError.unknownTag(tag, "stored pixels")
        }
        let labels = try archive.plain(Int32.self), shape = try archive.ints()
        let full = Float(try archive.double()), source = try archive.string()
        let count: Int
        switch pixels {
        case .bytes(let bytes): count = bytes.count
        case .floats(let floats): count = floats.count
        }
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }), count == labels.count * shape.reduce(1, *) else {
            throw ArchiveError.unknown("stored pixels that do not match their shape")
        }
        let store = ImageStore(restoring: pixels, labels: labels, sampleShape: shape, fullIntensity: full,
                               intensitySource: source)
        restoredPixels[name] = store
        storedPixels[ObjectIdentifier(store)] = (store, name)
        return store
    }
}

/// Train and test views of a data set.
struct SplitsCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let splits = try expect(object, SplitsBox.self).splits
        try DatasetCodec.write(splits.train, into: &encoder, context: context)
        encoder.archive.bool(splits.test != nil)
        if let test = splits.test { try DatasetCodec.write(test, into: &encoder, context: context) }
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let train = try DatasetCodec.read(from: &decoder, context: context)
        let test = try decoder.archive.bool() ? try DatasetCodec.read(from: &decoder, context: context) : nil
        return SplitsBox(ImageSplits(train: train, test: test))
    }
}

/// Labelled points in the plane, stored whole (they are small).
struct PointsCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let data = try expect(object, PointsBox.self).data
        encoder.archive.plain(data.points); encoder.archive.plain(data.labels)
        encoder.archive.int(data.classCount); encoder.archive.string(data.name)
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        let points = try decoder.archive.plain(Float.self), labels = try decoder.archive.plain(Int32.self)
        return PointsBox(try PointDataset(points: points, labels: labels, classCount: try decoder.archive.int(),
                                          name: try decoder.archive.string()))
    }
}

/// Generated counting-language sequences, stored as generated.
struct SequencesCodec: ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws {
        let data = try expect(object, SequencesBox.self).data
        encoder.archive.string(data.language.rawValue)
        encoder.archive.ints([data.steps, data.minN, data.maxN, data.count])
        encoder.archive.plain(data.symbols); encoder.archive.plain(data.deterministic)
    }

    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject {
        guard let language = CountingLanguage(rawValue: try decoder.archive.string()) else {
            throw ArchiveError.unknown("a cached sequence language")
        }
        let numbers = try decoder.archive.ints()
        let symbols = try decoder.archive.plain(Int32.self), deterministic = try decoder.archive.plain(Bool.self)
        guard numbers.count == 4, symbols.count == numbers[3] * (numbers[0] + 1),
              deterministic.count == numbers[3] * numbers[0] else {
            throw ArchiveError.unknown("cached sequences that do not match their size")
        }
        return SequencesBox(SequenceDataset(restoring: language, steps: numbers[0], minN: numbers[1], maxN: numbers[2],
                                            symbols: symbols, deterministic: deterministic, count: numbers[3]))
    }
}
