import Cache
import Foundation
import FolioTestSupport
import Notebook
import Report
import Runner
import XCTest

/// The per-cell cache: a replayed run must be indistinguishable from a fresh one, a change to
/// anything a cell depends on must rerun it, and a value the cache cannot store must say so.
final class CellCacheTests: XCTestCase {
    /// Cells that build every kind of value the cache stores, draw random numbers, train with an
    /// optimizer kept between cells, and read a file. Printed numbers only (no timings).
    static let cells = [
        """
        let digits = mnist5k().shuffled().take(400)
        let (train, test) = digits.split(0.75, stratified: true)
        let augmented = train.augmented(maxShift: 1, maxRotation: 5)
        let points = Datasets.xor(count: 60, noise: 0.1)
        let counting = Datasets.sequences(.anbn, count: 20, steps: 12, minN: 1, maxN: 3)
        var scale: Double = 2
        var table: [String: Int] = ["a": 1]
        let pair = (x: 1, y: "two")
        let span = 0..<5
        func twice(_ x: Int) -> Int { x * 2 }
        record("first", 1.5)
        let counts = train.labelCounts()
        let curve = lineChart(["a": [1.0, 2.0, 1.5]], title: "A curve")
        print(Int.random(in: 0...1_000_000), augmented.count, points.count, counting.count)
        """,
        """
        let model = Sequential {
            Flatten()
            Dense(12, activation: .relu)
            Dense(10)
        }
        let optimizer = Adam(lr: 0.01)
        let early = model.fit(augmented, epochs: 1, batchSize: 32, optimizer: optimizer)
        let hidden = model.layers[1]
        scale = 3
        table["b"] = twice(2)
        print(early.loss)
        """,
        """
        let late = model.fit(augmented, epochs: 1, batchSize: 32, optimizer: optimizer)
        let result = model.evaluate(test)
        print(late.loss, result.accuracy, result.loss, scale, twice(21), table.count, pair.y, span.count)
        print(hidden.weights.kernel.count, Int.random(in: 0...1_000_000))
        let inside = model.activations(test.take(3), layer: 1)
        counts
        
        """,
        """
        let mine = load("mine.csv")
        print(mine.count, mine.labelCounts(), model.evaluate(test).loss, Int.random(in: 0...1_000_000))
        print([1, 2, 3].shuffled(), inside.values.count, inside.header.count)
        curve
        """,
    ]

    /// A small CSV of 2×2 images with the label first.
    static func csv(rows: Int) -> String {
        "label,p1,p2,p3,p4\n" + (0..<rows).map { "\($0 % 2),0,\($0 * 10),255,\($0)" }.joined(separator: "\n") + "\n"
    }

    func notebook(_ cells: [String], cache: Bool = true) -> String {
        "---\ntitle: Cache\nseed: 11\ncache: \(cache)\n" + "params:\n  epochs: 1\n---\n\nProse.\n\n"
            + cells.map { "```swift\n\($0)\n```\n\nThe loss is `{swift} 1 + 1`.\n" }.joined(separator: "\n")
    }

    /// A run of `text` as `nb.md` in `folder`; nothing may go wrong with the cache on the way.
    func render(_ text: String, in folder: URL, settings: CacheSettings = CacheSettings(),
                line: UInt = #line) throws -> NotebookRun {
        let path = try writeFile(in: folder, "nb.md", text)
        var runner = NotebookRunner()
        runner.cacheSettings = settings
        var warnings: [String] = []
        runner.onWarning = { warnings.append($0) }
        let run = runner.run(try NotebookParser.parse(text, file: path))
        XCTAssertEqual(warnings, [], line: line)
        return run
    }

    /// The transcript without the cells' line numbers (an edit above a cell moves them).
    func outputs(_ run: NotebookRun) -> String {
        transcript(run).split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                guard line.hasPrefix("["), let cut = line.range(of: "] line ") else { return String(line) }
                return line[..<cut.lowerBound] + "]" + line[cut.upperBound...].drop { $0.isNumber }
            }.joined(separator: "\n")
    }

    func marks(_ run: NotebookRun) -> [String] {
        run.cells.map {
            switch $0.cache {
            case .none: return "ran"
            case .restored: return "cached"
            case .notStored(let reason): return "not stored: \(reason)"
            }
        }
    }

    /// For every cell, a run that replays the cells before it and reruns it and the rest gives the
    /// fresh run's outputs exactly: the restored state (data, model weights, optimizer momenta,
    /// generators, functions, typed variables) is the state the cells had.
    func testReplayThenRunMatchesAFreshRunAtEveryCell() throws {
        let folder = try temporaryFolder(self)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 4))
        let fresh = try render(notebook(Self.cells, cache: false), in: folder)
        XCTAssertEqual(fresh.errors, [])
        let expected = outputs(fresh)
        let first = try render(notebook(Self.cells), in: folder)
        XCTAssertEqual(outputs(first), expected)
        XCTAssertEqual(marks(first), ["ran", "ran", "ran", "ran"])
        let replayed = try render(notebook(Self.cells), in: folder)
        XCTAssertEqual(marks(replayed), ["cached", "cached", "cached", "cached"])
        XCTAssertEqual(outputs(replayed), expected)
        XCTAssertEqual(replayed.inlineValues, fresh.inlineValues)
        for edited in 1..<Self.cells.count {
            var cells = Self.cells
            cells[edited] += "\n// edited"
            let run = try render(notebook(cells), in: folder)
            XCTAssertEqual(marks(run), (0..<cells.count).map { $0 < edited ? "cached" : "ran" },
                           "edit of cell \(edited)")
            XCTAssertEqual(outputs(run), expected,
                           "replaying up to cell \(edited) then running the rest differs from a fresh run")
        }
    }

    func testProseEditsReplayEveryCellAndReevaluateTheProse() throws {
        let folder = try temporaryFolder(self)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 4))
        _ = try render(notebook(Self.cells), in: folder)
        let edited = notebook(Self.cells).replacingOccurrences(of: "Prose.", with: "Prose, longer.\n\nMore.")
            .replacingOccurrences(of: "`{swift} 1 + 1`", with: "`{swift} percent(result.accuracy)`")
        let run = try render(edited, in: folder)
        XCTAssertEqual(marks(run), ["cached", "cached", "cached", "cached"])
        // Values in the prose need the state after each cell: restored, so `result` exists after cell 3.
        guard case .shown(let text) = run.inlineValues[2] else { return XCTFail("\(run.inlineValues)") }
        XCTAssertTrue(text.hasSuffix("%"), text)
    }

    func testAChangedFileParametersOrSeedRerunWhatDependsOnThem() throws {
        let folder = try temporaryFolder(self)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 4))
        _ = try render(notebook(Self.cells), in: folder)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 5))
        let changedFile = try render(notebook(Self.cells), in: folder)
        XCTAssertEqual(marks(changedFile), ["cached", "cached", "cached", "ran"])
        XCTAssertTrue(changedFile.allText.contains("\n5 "), changedFile.allText)
        let changedParameter = try render(notebook(Self.cells).replacingOccurrences(of: "epochs: 1", with: "epochs: 2"),
                                          in: folder)
        XCTAssertEqual(marks(changedParameter), ["ran", "ran", "ran", "ran"])
        let changedSeed = try render(notebook(Self.cells).replacingOccurrences(of: "seed: 11", with: "seed: 12"),
                                     in: folder)
        XCTAssertEqual(marks(changedSeed), ["ran", "ran", "ran", "ran"])
        let refreshed = try render(notebook(Self.cells), in: folder, settings: CacheSettings(refresh: true))
        XCTAssertEqual(marks(refreshed), ["ran", "ran", "ran", "ran"])
    }

    func testACellCanOptOutAndAClosureIsNamedAsUnstorable() throws {
        let folder = try temporaryFolder(self)
        let cells = ["var n = 1\nprint(n)", "//| cache: false\nn += 1\nprint(n)",
                     "let f = { (x: Int) in x + n }\nprint(f(1))", "print(n)"]
        _ = try render(notebook(cells), in: folder)
        let run = try render(notebook(cells), in: folder)
        XCTAssertEqual(marks(run)[0...1], ["cached", "ran"])
        guard case .notStored(let reason) = run.cells[2].cache else { return XCTFail("\(marks(run))") }
        XCTAssertTrue(reason.contains("`f` holds a closure"), reason)
        XCTAssertTrue(marks(run)[3].hasPrefix("not stored"), "a later cell cannot store `f` either")
        XCTAssertEqual(run.allText, "1\n2\n3\n2\n")
        let html = HTMLReport.render(run)
        XCTAssertTrue(html.contains("Not cached: `f` holds a closure"))
        XCTAssertTrue(html.contains("cached (ran in"))
    }

    func testADamagedEntryOrBlobIsRecomputedWithAWarning() throws {
        let folder = try temporaryFolder(self)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 4))
        let expected = transcript(try render(notebook(Self.cells), in: folder))
        let cache = folder.appendingPathComponent(".folio-cache")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("entries").path)
        XCTAssertEqual(entries.count, 4)
        for name in entries {
            let url = cache.appendingPathComponent("entries").appendingPathComponent(name)
            var data = try Data(contentsOf: url)
            data[data.count / 2] ^= 0x20
            try data.write(to: url)
        }
        let blobs = cache.appendingPathComponent("blobs")
        for name in try FileManager.default.contentsOfDirectory(atPath: blobs.path) {
            try Data("garbage".utf8).write(to: blobs.appendingPathComponent(name))
        }
        var warnings: [String] = []
        var runner = NotebookRunner()
        runner.onWarning = { warnings.append($0) }
        let text = notebook(Self.cells)
        let run = runner.run(try NotebookParser.parse(text, file: try writeFile(in: folder, "nb.md", text)))
        XCTAssertEqual(marks(run), ["ran", "ran", "ran", "ran"])
        XCTAssertEqual(transcript(run), expected)
        XCTAssertTrue(warnings.contains { $0.contains("damaged cache entry") }, "\(warnings)")
        // Blobs were damaged too: the next run's hits must find them written again, not garbage.
        let healed = try render(text, in: folder)
        XCTAssertEqual(marks(healed), ["cached", "cached", "cached", "cached"])
        XCTAssertEqual(transcript(healed), expected)
    }

    func testCleanKeepsWhatRecentEntriesNeed() throws {
        let folder = try temporaryFolder(self)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 4))
        _ = try render(notebook(Self.cells), in: folder)
        let store = try CacheStore(folder: folder.appendingPathComponent(".folio-cache"))
        let maintenance = CacheMaintenance(store: store)
        XCTAssertTrue(maintenance.info().contains("4 cached cells"), maintenance.info())
        XCTAssertTrue(maintenance.clean(olderThan: 3600).contains("removed 0 cached cells"))
        XCTAssertEqual(marks(try render(notebook(Self.cells), in: folder)), ["cached", "cached", "cached", "cached"])
        XCTAssertTrue(maintenance.clean(olderThan: 3600, now: Date().addingTimeInterval(7200))
            .contains("removed 4 cached cells"))
        XCTAssertEqual(marks(try render(notebook(Self.cells), in: folder)), ["ran", "ran", "ran", "ran"])
        XCTAssertEqual(CacheMaintenance.parseAge("7d"), 7 * 86400)
    }

    /// Cleaning away the first cell's entry (which stored the pixels) keeps the pixels for the later
    /// entries that refer to them: their cells still replay, with no warning.
    func testCleaningOneEntryKeepsTheBlobsOthersShare() throws {
        let folder = try temporaryFolder(self)
        try writeFile(in: folder, "mine.csv", Self.csv(rows: 4))
        _ = try render(notebook(Self.cells), in: folder)
        let store = try CacheStore(folder: folder.appendingPathComponent(".folio-cache"))
        let entries = folder.appendingPathComponent(".folio-cache/entries")
        let names = try FileManager.default.contentsOfDirectory(atPath: entries.path)
        let first = names.first { store.entry($0)?.cell == 1 }
        let old = Date().addingTimeInterval(-7200)
        try FileManager.default.setAttributes([.modificationDate: old],
                                              ofItemAtPath: entries.appendingPathComponent(try XCTUnwrap(first)).path)
        XCTAssertTrue(CacheMaintenance(store: store).clean(olderThan: 3600).contains("removed 1 cached cell"))
        XCTAssertEqual(marks(try render(notebook(Self.cells), in: folder)), ["ran", "cached", "cached", "cached"])
        XCTAssertNil(CacheMaintenance.parseAge("soon"))
    }
}
