import Foundation
import Runner

/// The render loop of `folio watch`: renders the notebook with the same Renderer as `folio render`
/// (so the saved report is written the same way, atomically), publishes each good report to the
/// store, and re-renders whenever the watcher sees the file change.
public final class WatchSession: @unchecked Sendable {
    public let path: String
    public let store: PageStore
    private let renderer: Renderer
    private let condition = NSCondition()
    private var pending = false
    private var stopped = false
    private var watcher: FileWatcher?

    public init(path: String, renderer: Renderer, store: PageStore) {
        self.path = path
        self.renderer = renderer
        self.store = store
    }

    /// Renders once, synchronously: a good render (even with a failed cell, which the report shows)
    /// replaces the page; a notebook that no longer parses keeps the last good page under an error.
    @discardableResult
    public func renderOnce() -> ExitStatus {
        let messages = MessageBox()
        var renderer = self.renderer
        let log = renderer.log
        renderer.log = { line in
            messages.append(line)
            log(line)
        }
        let read = MessageBox()
        renderer.onRun = { run in run.filesRead.forEach(read.append) }
        let status = renderer.render(path)
        // The data files the notebook read are watched too: changing one renders again (through the
        // cache, only the cells that read it and those after them run).
        if status != .badInput { watcher?.paths = [path] + read.lines.filter { $0 != path } }
        let target = renderer.reportURL(for: path)
        if status == .badInput {
            store.fail(messages.lines.joined(separator: "\n"))
        } else if let html = try? String(contentsOf: target, encoding: .utf8) {
            store.publish(report: html)
        } else {
            store.fail("\(target.path): error: the report was written but cannot be read back")
        }
        return status
    }

    /// Renders now and then after every change, on a thread of its own, until `stop`.
    public func start(pollInterval: TimeInterval = 0.2) {
        let watcher = FileWatcher(paths: [path], interval: pollInterval) { [weak self] in self?.changed() }
        self.watcher = watcher
        watcher.start()
        let thread = Thread { [self] in
            self.renderOnce()
            while self.waitForChange() {
                self.renderer.log("\(self.path) changed: rendering again")
                self.renderOnce()
            }
        }
        thread.name = "folio watch: renderer"
        thread.start()
    }

    public func stop() {
        watcher?.stop()
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    /// Several saves during one render make one more render, not one each.
    private func changed() {
        condition.withLock {
            pending = true
            condition.signal()
        }
    }

    /// True when there is a change to render; false once stopped.
    private func waitForChange() -> Bool {
        condition.withLock {
            while !pending && !stopped { condition.wait() }
            pending = false
            return !stopped
        }
    }
}

private final class MessageBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func append(_ line: String) { lock.withLock { stored.append(line) } }
}
