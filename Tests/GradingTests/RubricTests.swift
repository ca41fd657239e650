import Foundation
@testable import Grading
import Prelude
import Runner
import XCTest

final class RubricTests: XCTestCase {
    private let yaml = """
    runs: 5
    limits:
      test error: {max: 0.12, target: 0.09}   # mean over the runs
      parameters: {max: 1000000}
      cpu seconds: {max: 300}
    """

    func testReadsTheIssuesExample() throws {
        let rubric = try Rubric.parse(yaml, file: "rubric.yaml")
        XCTAssertEqual(rubric.runs, 5)
        XCTAssertEqual(rubric.limits.map(\.name), ["test error", "parameters", "cpu seconds"])
        XCTAssertEqual(rubric.limits[0].max, 0.12)
        XCTAssertEqual(rubric.limits[0].target, 0.09)
    }

    func testMistakesNameTheFileAndLine() {
        XCTAssertThrowsError(try Rubric.parse("runs: 5\nlimits:\n  error: {maximum: 1}\n", file: "r.yaml")) {
            XCTAssertTrue("\($0)".hasPrefix("r.yaml:3: error: limit 'error' takes max, min and target"), "\($0)")
        }
        XCTAssertThrowsError(try Rubric.parse("runs: 0\n", file: "r.yaml")) {
            XCTAssertTrue("\($0)".contains("'runs' must be 1 to 100"), "\($0)")
        }
        XCTAssertThrowsError(try Rubric.parse("limits:\n  error: {target: 1}\n", file: "r.yaml")) {
            XCTAssertTrue("\($0)".contains("needs max or min"), "\($0)")
        }
    }

    func testLimitsAreCheckedOnTheMeanAndParametersOnTheMaximum() throws {
        let rubric = try Rubric.parse(yaml, file: "rubric.yaml")
        let good = submission(errors: [0.08, 0.085, 0.09], parameters: [900_000, 950_000, 900_000], cpu: 100)
        XCTAssertEqual(rubric.limits.map { LimitResult.check($0, good) }, [.targetMet, .pass, .pass])
        let middling = submission(errors: [0.10, 0.13, 0.11], parameters: [1_200_000, 900_000, 900_000], cpu: 400)
        XCTAssertEqual(rubric.limits.map { LimitResult.check($0, middling) }, [.pass, .fail, .fail])
        let silent = submission(errors: [], parameters: [], cpu: 1)
        XCTAssertEqual(LimitResult.check(rubric.limits[0], silent), .missing)
    }

    private func submission(errors: [Double], parameters: [Int], cpu: Double) -> SubmissionResult {
        let runs = (0..<max(errors.count, parameters.count, 1)).map { (index: Int) -> RunResult in
            let records: [RunOutcome.Record] = index < errors.count
                ? [RunOutcome.Record(name: "test error", value: RunLog.Recorded.number(errors[index]))] : []
            let models: [Int] = index < parameters.count ? [parameters[index]] : []
            let outcome = RunOutcome(succeeded: true, records: records, modelParameters: models)
            return RunResult(run: index + 1, seed: index, ending: .completed, cpuSeconds: cpu, wallSeconds: cpu,
                             peakMemoryBytes: 1 << 28, outcome: outcome, report: "s/run-\(index + 1).html")
        }
        return SubmissionResult(path: "s.md", folder: "s", runs: runs, diff: nil)
    }
}

final class CellDiffTests: XCTestCase {
    func testCountsLinesAddedAndRemovedCellByCell() throws {
        let template = try NotebookParserHelper.parse(
            "```swift\n//| label: data\nlet n = 10\n```\n\n```swift\nlet a = 1\nlet b = 2\n```\n")
        let submission = try NotebookParserHelper.parse(
            "```swift\n//| label: data\nlet n = 20\n```\n\n```swift\nlet a = 1\nlet b = 2\nprint(a + b)\n```\n\n"
                + "```swift\nprint(n)\n```\n")
        let diff = CellDiff(template: template, submission: submission)
        XCTAssertEqual(diff.cells.map(\.title), ["data", "cell 2", "cell 3 (added)"])
        XCTAssertEqual(diff.cells[0].lines, [.same("//| label: data"), .added("let n = 20"), .removed("let n = 10")])
        XCTAssertEqual(diff.size, DiffSize(added: 3, removed: 1))
    }
}

final class GradeTableTests: XCTestCase {
    func testCSVHasOneColumnPerNumberAndDefusesFormulas() {
        let run = RunResult(run: 1, seed: 7, ending: .failed(message: "=HYPERLINK(\"x\")", line: 3), cpuSeconds: 1.5,
                            wallSeconds: 2, peakMemoryBytes: 1 << 20,
                            outcome: RunOutcome(succeeded: false,
                                                records: [RunOutcome.Record(name: "test error",
                                                                            value: RunLog.Recorded.number(0.25))],
                                                modelParameters: [7850]),
                            report: "a/run-1.html")
        let submission = SubmissionResult(path: "=cmd|' /C calc'!A0.md", folder: "a", runs: [run],
                                          diff: DiffSize(added: 2, removed: 1))
        let table = GradeTable([submission], rubric: nil)
        let csv = GradeFiles.csv(table)
        let lines = csv.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "submission,status,runs ok,runs,"
                       + "test error mean,test error sd,test error min,test error max,"
                       + "cpu seconds mean,cpu seconds sd,cpu seconds min,cpu seconds max,"
                       + "wall seconds mean,wall seconds sd,"
                       + "wall seconds min,wall seconds max,memory MB mean,memory MB sd,memory MB min,memory MB max,"
                       + "parameters,lines added,lines removed,report folder")
        XCTAssertTrue(lines[1].hasPrefix("'=cmd|' /C calc'!A0.md,"), lines[1])
        XCTAssertTrue(lines[1].contains(",0,1,0.25,0,0.25,0.25,1.5,0,1.5,1.5,2,0,2,2,1,0,1,1,7850,2,1,a"), lines[1])
        let page = GradePage.html(table, submissions: [submission])
        XCTAssertFalse(page.contains("<script"))
        XCTAssertTrue(page.contains("=HYPERLINK(&quot;x&quot;)"), "messages are escaped")
    }

    func testTextAndBoolRecordsGetAColumnWithTheirValuesOverTheRuns() {
        func run(_ k: Int, _ answer: String) -> RunResult {
            RunResult(run: k, seed: k, ending: .completed, cpuSeconds: 1, wallSeconds: 1, peakMemoryBytes: 1 << 20,
                      outcome: RunOutcome(succeeded: true, records: [
                          RunOutcome.Record(name: "test error", value: .number(0.1)),
                          RunOutcome.Record(name: "converged", value: .text(answer)),
                      ], modelParameters: []),
                      report: "a/run-\(k).html")
        }
        let same = SubmissionResult(path: "a.md", folder: "a", runs: [run(1, "true"), run(2, "true")], diff: nil)
        let mixed = SubmissionResult(path: "b.md", folder: "b", runs: [run(1, "false"), run(2, "true"), run(3, "true")],
                                     diff: nil)
        let table = GradeTable([same, mixed], rubric: nil)
        let column = try! XCTUnwrap(table.header.firstIndex(of: "converged"))
        XCTAssertEqual(table.rows.map { $0[column].text }, ["true", "true ×2, false ×1"])
        let csvColumn = try! XCTUnwrap(table.csvHeader.firstIndex(of: "converged"))
        XCTAssertEqual(table.csvRows.map { $0[csvColumn] }, ["true", "true ×2, false ×1"])
        XCTAssertEqual(table.csvHeader.count, table.csvRows[0].count)
        XCTAssertTrue(GradePage.html(table, submissions: [same, mixed]).contains("true ×2, false ×1"))
    }

    func testSubmissionFoldersMirrorTheirPaths() {
        XCTAssertEqual(GradePlan.folder(for: "submissions/alice/task1.md"), "submissions/alice/task1")
        XCTAssertEqual(GradePlan.folder(for: "submissions/bob/task1.md"), "submissions/bob/task1")
        XCTAssertEqual(GradePlan.folder(for: "/srv/class/../class/x.md"), "srv/class/x")
    }
}
