import FolioTestSupport
import Foundation
import XCTest

/// `folio grade` end to end: a small class, its table, its exit statuses, the sandbox and the merge.
final class GradeCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
    }


    private func notebook(units: Int, extra: String = "") -> String {
        """
        ```swift
        let data = Datasets.blobs(count: 40, classes: 3)
        let model = Sequential { Dense(\(units), activation: .relu); Dense(3) }
        model.fit(data, epochs: 1, batchSize: 16)
        record("test error", 1 - model.evaluate(data).accuracy)
        \(extra)
        ```
        """
    }

    private func grade(_ arguments: [String]) throws -> ProcessResult {
        try runFolio(["grade"] + arguments, in: folder)
    }

    func testAClassGradesIntoOneTableWithEveryRunAccountedFor() throws {
        try writeFile(in: folder, "class/alice/task1.md", notebook(units: 8))
        try writeFile(in: folder, "class/bob/task1.md", notebook(units: 200))           // over the parameter limit
        try writeFile(in: folder, "class/carol/task1.md", notebook(units: 8, extra: "print(undefinedName)"))
        try writeFile(in: folder, "class/dave/task1.md", "```swift\nlet stolen = load(\"/etc/passwd\")\n```\n")
        try writeFile(in: folder, "template.md", notebook(units: 8))
        try writeFile(in: folder, "rubric.yaml",
                      "runs: 2\nlimits:\n  test error: {max: 1.0}\n  parameters: {max: 500}\n")
        let result = try grade(["class/alice/task1.md", "class/bob/task1.md", "class/carol/task1.md",
                                "class/dave/task1.md", "--rubric", "rubric.yaml", "--template", "template.md",
                                "--jobs", "2", "--timeout", "120"])
        XCTAssertEqual(result.status, 1, "some runs failed\n\(result.stderr)")
        XCTAssertTrue(result.stderr.contains("grade: [8/8]"), result.stderr)

        let csv = try String(contentsOf: folder.appendingPathComponent("grades/grades.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.count, 5, csv)
        let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0.components(separatedBy: ",")[0], $0) })
        XCTAssertTrue(byName["class/alice/task1.md"]?.contains("2 of 2 ok,2,2,") ?? false, csv)
        XCTAssertTrue(byName["class/alice/task1.md"]?.contains(",51,pass,pass,0,0,class/alice/task1") ?? false, csv)
        XCTAssertTrue(byName["class/bob/task1.md"]?.contains(",1203,pass,fail,") ?? false, csv)
        let carol = "0 of 2 ok; run 1: failed at line 6: cannot find 'undefinedName'"
        XCTAssertTrue(byName["class/carol/task1.md"]?.contains(carol)
                      ?? false, csv)
        XCTAssertTrue(byName["class/dave/task1.md"]?.contains("cannot read '/etc/passwd'") ?? false, csv)
        XCTAssertFalse(csv.contains("root:"), "a refused file's contents never reach the table")

        for name in ["alice", "bob", "carol", "dave"] {
            for run in 1...2 {
                let report = folder.appendingPathComponent("grades/class/\(name)/task1/run-\(run).html")
                let html = try String(contentsOf: report, encoding: .utf8)
                XCTAssertTrue(html.contains("drawn for this run (repeat it with --seed "), "\(name) run \(run)")
            }
        }
        let diff = try String(contentsOf: folder.appendingPathComponent("grades/class/carol/task1/diff.html"),
                              encoding: .utf8)
        XCTAssertTrue(diff.contains("<ins>+ print(undefinedName)</ins>"), diff)
    }

    func testTwoStudentsFilesWithOneNameNeverCollideAndFixedSeedsRepeat() throws {
        try writeFile(in: folder, "a/task1.md", notebook(units: 4))
        try writeFile(in: folder, "b/task1.md", notebook(units: 6))
        let result = try grade(["a/task1.md", "b/task1.md", "--runs", "2", "--seeds", "11,12"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let first = try String(contentsOf: folder.appendingPathComponent("grades/a/task1/run-1.json"), encoding: .utf8)
        let second = try String(contentsOf: folder.appendingPathComponent("grades/b/task1/run-1.json"), encoding: .utf8)
        XCTAssertTrue(first.contains("\"seed\" : 11"), first)
        XCTAssertTrue(second.contains("\"modelParameters\" : [\n    39"), second)
        let again = try grade(["a/task1.md", "--runs", "2", "--seeds", "11,12", "-o", "again"])
        XCTAssertEqual(again.status, 0, again.stderr)
        let repeated = try String(contentsOf: folder.appendingPathComponent("again/a/task1/run-1.json"),
                                  encoding: .utf8)
        XCTAssertEqual(repeated, first, "a fixed seed repeats the run exactly")
    }

    func testPartsGradedApartMergeIntoOneTable() throws {
        try writeFile(in: folder, "a/task1.md", notebook(units: 4))
        try writeFile(in: folder, "b/task1.md", notebook(units: 4))
        XCTAssertEqual(try grade(["a/task1.md", "--runs", "1", "-o", "grades-1"]).status, 0)
        XCTAssertEqual(try grade(["b/task1.md", "--runs", "1", "-o", "grades-2"]).status, 0)
        let merged = try grade(["--merge", "grades-1", "grades-2", "-o", "grades"])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("grades/grades.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("\na/task1.md,") && csv.contains("\nb/task1.md,"), csv)
        let twice = try grade(["--merge", "grades-1", "grades-1", "-o", "grades"])
        XCTAssertEqual(twice.status, 2, "a submission in two parts is an error")
    }

    func testABadRubricOrCommandLineExitsTwoBeforeRunningAnything() throws {
        try writeFile(in: folder, "a/task1.md", notebook(units: 4))
        try writeFile(in: folder, "rubric.yaml", "runs: 2\nlimits:\n  test error: {most: 1}\n")
        let badRubric = try grade(["a/task1.md", "--rubric", "rubric.yaml"])
        XCTAssertEqual(badRubric.status, 2)
        XCTAssertTrue(badRubric.stderr.contains("rubric.yaml:3: error:"), badRubric.stderr)
        XCTAssertEqual(try grade(["a/task1.md", "--seeds", "1,2"]).status, 2, "5 runs need 5 seeds")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("grades").path))
    }
}

/// The sandbox's other refusals, and the grader's own processes.
final class GradeSandboxTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = try temporaryFolder(self)
    }


    func testParametersReachEveryRunAndTextRecordsReachTheTable() throws {
        try writeFile(in: folder, "s/task1.md", """
        ---
        params:
          size: 1
        ---
        ```swift
        record("size", params.size)
        record("big", params.size > 2)
        ```
        """)
        let result = try runFolio(["grade", "s/task1.md", "--runs", "2", "-p", "size=3"], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("grades/grades.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n")
        XCTAssertTrue(lines[0].contains(",size mean,size sd,size min,size max,big,"), lines[0])
        XCTAssertTrue(lines[1].contains(",3,0,3,3,true,"), lines[1])
        let bad = try runFolio(["grade", "s/task1.md", "--runs", "1", "-p", "size"], in: folder)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("-p expects name=value"), bad.stderr)
    }

    func testASubmissionCannotWriteOutsideItsReportFolder() throws {
        try writeFile(in: folder, "s/task1.md", """
        ```swift
        let model = Sequential { Dense(2) }
        model.summary(input: [2])
        model.save("../../escaped.safetensors")
        ```
        """)
        let result = try runFolio(["grade", "s/task1.md", "--runs", "1"], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("grades/grades.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("cannot write '../../escaped.safetensors'"), csv)
        let escaped = folder.appendingPathComponent("escaped.safetensors")
        XCTAssertFalse(FileManager.default.fileExists(atPath: escaped.path))
    }

    func testARunPastItsTimeIsReportedAsACapAndTheOthersGoOn() throws {
        try writeFile(in: folder, "slow/task1.md", "```swift\nvar i = 0\nwhile true { i += 1 }\n```\n")
        try writeFile(in: folder, "quick/task1.md", "```swift\nrecord(\"answer\", 42)\n```\n")
        let result = try runFolio(["grade", "slow/task1.md", "quick/task1.md", "--runs", "1", "--timeout", "1"],
                                  in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("grades/grades.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("slow/task1.md,0 of 1 ok; run 1: hit the wall time cap"), csv)
        XCTAssertTrue(csv.contains("quick/task1.md,1 of 1 ok,1,1,42,"), csv)
    }

    func testARunOverItsMemoryIsReportedAsACap() throws {
        try writeFile(in: folder, "big/task1.md",
                      "```swift\nvar s = \"abcdefgh\"\nfor _ in 0..<40 { s = s + s }\n```\n")
        let result = try runFolio(["grade", "big/task1.md", "--runs", "1", "--memory", "128M"], in: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        let csv = try String(contentsOf: folder.appendingPathComponent("grades/grades.csv"), encoding: .utf8)
        XCTAssertTrue(csv.contains("big/task1.md,0 of 1 ok; run 1: hit the memory cap"), csv)
    }

    func testAKilledGradeLeavesNoRunBehind() throws {
        let marker = "grade-orphan-\(UUID().uuidString.prefix(8))"
        for name in ["a", "b"] {
            try writeFile(in: folder, "\(marker)/\(name)/task1.md", "```swift\nvar i = 0\nwhile true { i += 1 }\n```\n")
        }
        let grade = Process()
        grade.executableURL = folioExecutable()
        grade.arguments = ["grade", "\(marker)/a/task1.md", "\(marker)/b/task1.md", "--runs", "1", "--jobs", "2"]
        grade.currentDirectoryURL = folder
        grade.standardError = FileHandle.nullDevice
        try grade.run()
        XCTAssertTrue(waitUntil { renders(marker).count == 2 }, "both runs started")
        grade.terminate()
        grade.waitUntilExit()
        XCTAssertTrue(waitUntil { renders(marker).isEmpty }, "runs left behind: \(renders(marker))")
    }

    /// Pids of live `folio render` processes whose arguments mention `marker`.
    private func renders(_ marker: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] != "Z" else { return nil }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.contains("render") && words.contains(where: { $0.contains(marker) }) ? pid : nil
        }
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(15)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }
}
