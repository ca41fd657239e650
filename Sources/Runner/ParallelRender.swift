import Foundation

/// `folio render a.md b.md … --jobs N`: each notebook renders in its own `folio` process, at most
/// `jobs` at a time. Processes rather than threads, because a notebook's interpreter is
/// single-threaded state and its training already spreads over the cores it is given; a crash in one
/// notebook cannot take the others down.
public struct ParallelRender {
    public var executable: URL
    /// Arguments that every child gets after its notebook (output folder, parameters, flags).
    public var sharedArguments: [String]
    public var jobs: Int
    public var log: (String) -> Void

    public init(executable: URL, sharedArguments: [String], jobs: Int, log: @escaping (String) -> Void) {
        self.executable = executable
        self.sharedArguments = sharedArguments
        self.jobs = max(1, jobs)
        self.log = log
    }

    /// Renders every notebook and returns the worst exit status.
    public func run(_ notebooks: [String]) -> ExitStatus {
        let slots = DispatchSemaphore(value: jobs)
        let worst = WorstStatus()
        let group = DispatchGroup()
        for notebook in notebooks {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                defer { slots.signal(); group.leave() }
                let (status, messages) = renderInChild(notebook)
                // Each child's messages are printed together so that notebooks' lines never interleave.
                worst.record(status) { if !messages.isEmpty { log(messages) } }
            }
        }
        group.wait()
        return worst.status
    }

    private func renderInChild(_ notebook: String) -> (ExitStatus, String) {
        let ending: ChildProcess.Ending
        do {
            ending = try ChildProcess.run(executable.path, ["render", notebook] + sharedArguments)
        } catch {
            return (.badInput, "\(notebook): error: cannot start \(executable.path): \(error.localizedDescription)")
        }
        var messages = ending.standardError
        if messages.hasSuffix("\n") { messages.removeLast() }
        if let signal = ending.signal {
            // Killed or crashed: the notebook did not render cleanly.
            return (.cellFailed, messages + "\n\(notebook): error: the render process was killed by signal \(signal)")
        }
        return (ending.status.flatMap { ExitStatus(rawValue: $0) } ?? .cellFailed, messages)
    }
}

/// The worst exit status seen so far, updated from several threads.
private final class WorstStatus: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var status = ExitStatus.success

    /// Records `newStatus` and runs `whileLocked` (printing) under the same lock.
    func record(_ newStatus: ExitStatus, whileLocked: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        whileLocked()
        status = max(status, newStatus)
    }
}
