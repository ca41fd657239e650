import Foundation
import Notebook

/// Everything `folio grade` was asked to do.
public struct GradePlan: Sendable {
    public var submissions: [String]
    public var runs: Int
    /// Fixed seeds, one per run (`--seeds 1,2,3`); nil: each run draws its own.
    public var seeds: [Int]?
    public var jobs: Int
    public var rubric: Rubric?
    /// The provided notebook the submissions are compared with.
    public var template: Document?
    public var dataFolders: [String]
    public var output: URL
    /// Wall and CPU seconds per run.
    public var timeout: Double
    public var memory: Int
    /// The `folio` executable the runs use.
    public var executable: URL
    /// `-p name=value` overrides given to every run (`-p quick=true` for a quick check of a class).
    public var parameters: [String] = []

    public init(submissions: [String], runs: Int, seeds: [Int]?, jobs: Int, rubric: Rubric?, template: Document?,
                dataFolders: [String], output: URL, timeout: Double, memory: Int, executable: URL) {
        self.submissions = submissions
        self.runs = runs
        self.seeds = seeds
        self.jobs = jobs
        self.rubric = rubric
        self.template = template
        self.dataFolders = dataFolders
        self.output = output
        self.timeout = timeout
        self.memory = memory
        self.executable = executable
    }

    /// The folder of a submission's reports under the grades folder, mirroring its path so that two
    /// students' `task1.md` never collide: `submissions/alice/task1.md` → `submissions/alice/task1`.
    public static func folder(for submission: String) -> String {
        let working = FileManager.default.currentDirectoryPath + "/"
        var path = URL(fileURLWithPath: submission).standardizedFileURL.path
        if path.hasPrefix(working) { path = String(path.dropFirst(working.count)) }
        let parts = path.split(separator: "/").filter { $0 != "." && $0 != ".." }.map(String.init)
        let last = ((parts.last ?? "notebook") as NSString).deletingPathExtension
        return (parts.dropLast() + [last]).joined(separator: "/")
    }
}
