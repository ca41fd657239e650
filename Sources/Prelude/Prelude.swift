import Datasets
import Randomness
import Script

/// The functions and types a notebook cell can call: datasets, layers, models, training, charts.
/// `Prelude` is the only module that knows both the cell language and the engine.
public enum Prelude {
    /// Registers everything into `interpreter`. `seed` is the front matter's: with one, every random
    /// choice (weight initialisation, shuffling, splits, augmentation) repeats run after run.
    /// `log` collects what the run states about itself (`record`, models trained) for `folio grade`.
    /// Returns how the prelude's objects are stored in the cache's snapshots.
    @discardableResult
    public static func install(into interpreter: Interpreter, seed: Int?, log: RunLog = RunLog()) -> PreludeSnapshots {
        let session = Session(seed: seed, log: log)
        interpreter.seedRandom(seed.map { UInt64(bitPattern: Int64($0)) })
        let types = PreludeTypes()
        types.register(in: interpreter)
        DatasetBindings.install(interpreter, types: types, session: session)
        LayerBindings.install(interpreter, types: types)
        SequenceBindings.install(interpreter, types: types)
        TransferBindings.install(types: types, session: session)
        TrainingBindings.install(interpreter, types: types)
        ModelBindings.install(interpreter, types: types, session: session)
        AnalysisBindings.install(interpreter, types: types, session: session)
        HandSetBindings.install(interpreter, types: types, session: session)
        SequenceDataBindings.install(interpreter, session: session)
        DynamicsBindings.install(types: types)
        ChartBindings.install(interpreter, types: types)
        RecordBindings.install(interpreter, log: log)
        TextFileBindings.install(interpreter)
        return PreludeSnapshots(types: types, session: session)
    }
}

extension Prelude {
    /// The folders Folio's packaged datasets are installed in: a sandboxed run may read them.
    public static var installedDataFolders: [String] { [Datasets.dataDirectory(), "/usr/share/datasets"] }
}

/// Run-wide state the bindings share: the seed sequence and the run's log.
final class Session {
    private var generator: SplitMix64?
    let log: RunLog

    init(seed: Int?, log: RunLog) {
        generator = seed.map { SplitMix64(seed: UInt64(bitPattern: Int64($0))) }
        self.log = log
    }

    /// The seed sequence's state (nil without a notebook seed), for the cache.
    var generatorState: UInt64? {
        get { generator?.state }
        set { generator = newValue.map { SplitMix64(seed: $0) } }
    }

    /// A seed for the next random operation, derived from the notebook's seed so that each
    /// operation differs but the whole run repeats; nil (fresh randomness) without a notebook seed.
    func nextSeed() -> UInt64? {
        generator?.next()
    }
}
