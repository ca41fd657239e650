import Foundation

/// `folio grade --merge grades-*/ -o grades/`: joins the tables of a grade split across machines
/// (each part graded some of the submissions) into one.
public enum GradeMerge {
    /// Reads each part's `grades.json`; returns the submissions of all parts and their common rubric.
    public static func read(_ folders: [String]) throws -> (submissions: [SubmissionResult], rubric: Rubric?) {
        var submissions: [SubmissionResult] = [], rubric: Rubric?
        var seen: [String: String] = [:]
        for folder in folders {
            let file = URL(fileURLWithPath: folder).appendingPathComponent("grades.json")
            guard let data = try? Data(contentsOf: file) else {
                throw GradeError("\(file.path): error: no grades.json here; pass folders written by folio grade")
            }
            let record: GradeRecord
            do { record = try JSONDecoder().decode(GradeRecord.self, from: data) } catch {
                throw GradeError("\(file.path): error: not a grades.json that this Folio can read (\(error))")
            }
            let partRubric = record.rubric?.rubric
            if let rubric, let partRubric, rubric != partRubric {
                throw GradeError("\(file.path): error: graded with a different rubric from the earlier parts")
            }
            rubric = rubric ?? partRubric
            for submission in record.submissions {
                if let other = seen[submission.folder] {
                    throw GradeError("\(file.path): error: \(submission.path) was also graded in \(other)")
                }
                seen[submission.folder] = folder
                var moved = submission
                // Reports stay where each part wrote them; links point there from the merged table.
                let prefix = relative(folder)
                moved.folder = prefix + "/" + submission.folder
                moved.runs = submission.runs.map { var run = $0; run.report = prefix + "/" + run.report; return run }
                submissions.append(moved)
            }
        }
        return (submissions, rubric)
    }

    private static func relative(_ folder: String) -> String {
        URL(fileURLWithPath: folder).standardizedFileURL.path
    }
}
