import Datasets
import Foundation
import Learn
import Script

/// How the prelude's objects go into the cache's snapshots and come back: one codec per host
/// type, by the type's name. A type without a codec makes its value unstorable, named in the report.
public final class PreludeSnapshots: ObjectCoding {
    let types: PreludeTypes
    let session: Session
    /// Every model reachable from the globals of the snapshot being written: a layer or an
    /// optimizer's state is stored as a place in one of them.
    var models: [Sequential] = []
    /// Pixel stores already written as blobs this run, by store (stores never change).
    var storedPixels: [ObjectIdentifier: (store: ImageStore, blob: String)] = [:]
    /// Pixel stores already read back this run, by blob, so views restored twice share one store.
    var restoredPixels: [String: ImageStore] = [:]
    /// Augmentation generators by identity while writing, and by number while reading.
    var generatorNumbers: [ObjectIdentifier: Int] = [:]
    var restoredGenerators: [Int: AugmentationGenerator] = [:]

    init(types: PreludeTypes, session: Session) {
        self.types = types
        self.session = session
    }

    /// The codecs, by host type name.
    private lazy var codecs: [String: ObjectCodec] = {
        [
            types.dataset.name: DatasetCodec(), types.splits.name: SplitsCodec(), "Points": PointsCodec(),
            "Sequences": SequencesCodec(), types.model.name: ModelCodec(), types.layer.name: LayerCodec(),
            types.optimizer.name: OptimizerCodec(), types.history.name: HistoryCodec(),
            types.evaluation.name: EvaluationCodec(), types.chart.name: ChartCodec(), types.report.name: ReportCodec(),
            "Activations": UnitTableCodec(), "SaveNote": NoteCodec(),
        ]
    }()

    public func prepare(objects: [HostObject]) {
        models = objects.compactMap { $0.base as? Sequential }
        generatorNumbers = [:]
    }

    public func beginRestore() {
        restoredGenerators = [:]
    }

    public func encode(_ object: HostObject, into encoder: inout SnapshotEncoder) throws {
        guard let codec = codecs[object.type.name] else {
            throw Unstorable("\(encoder.place) holds a \(object.type.name), which the cache cannot store; "
                             + "show it without binding it to a name, or mark the cell `cache: false`")
        }
        try codec.encode(object.base, into: &encoder, context: self)
    }

    public func decode(type: String, from decoder: inout SnapshotDecoder) throws -> HostObject {
        guard let codec = codecs[type] else { throw ArchiveError.unknown("no codec for a \(type)") }
        return HostObject(try codec.decode(from: &decoder, context: self), type: try decoder.hostType(named: type))
    }

    public func encodeRunState(into encoder: inout SnapshotEncoder) throws {
        encoder.archive.bool(session.generatorState != nil)
        encoder.archive.uint64(session.generatorState ?? 0)
        let records = session.log.records
        encoder.archive.int(records.count)
        for (name, value) in records {
            encoder.archive.string(name)
            switch value {
            case .number(let number): encoder.archive.byte(0); encoder.archive.double(number)
            case .text(let text): encoder.archive.byte(1); encoder.archive.string(text)
            }
        }
        encoder.archive.ints(session.log.modelParameters)
    }

    public func decodeRunState(from decoder: inout SnapshotDecoder) throws {
        let seeded = try decoder.archive.bool(), state = try decoder.archive.uint64()
        session.generatorState = seeded ? state : nil
        var records: [(String, RunLog.Recorded)] = []
        for _ in 0..<(try decoder.archive.count()) {
            let name = try decoder.archive.string()
            records.append((name, try decoder.archive.byte() == 0 ? .number(try decoder.archive.double())
                                                                     : .text(try decoder.archive.string())))
        }
        session.log.restore(records: records, modelParameters: try decoder.archive.ints())
    }
}

/// Stores one host type's objects.
protocol ObjectCodec {
    func encode(_ object: AnyObject, into encoder: inout SnapshotEncoder, context: PreludeSnapshots) throws
    func decode(from decoder: inout SnapshotDecoder, context: PreludeSnapshots) throws -> AnyObject
}

extension ObjectCodec {
    /// The object as the type this codec stores.
    func expect<T>(_ object: AnyObject, _: T.Type) throws -> T {
        guard let typed = object as? T else {
            throw Unstorable("an object of an unexpected kind (\(type(of: object)))")
        }
        return typed
    }
}
