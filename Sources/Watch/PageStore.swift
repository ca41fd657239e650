import Foundation

/// What the server shows, shared between the render loop (which writes it) and the server's
/// connections (which read it): the last good report, the current error if the notebook no longer
/// renders, and the open event streams to tell of each change.
public final class PageStore: @unchecked Sendable {
    private let lock = NSLock()
    private var report: String?
    private var error: String?
    /// Counts changes to what is shown, so a page can tell whether it is already out of date.
    private var generation = 0
    private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    public init() {}

    /// A new good report: it replaces the old one and clears any error.
    public func publish(report html: String) {
        change { $0.report = html; $0.error = nil }
    }

    /// The notebook no longer renders: keep the last good report and show why on top of it.
    public func fail(_ message: String) {
        change { $0.error = message }
    }

    /// The page to serve, with its reload script: the last good report (with the error banner, if
    /// any) or, before any good render, the error alone; nil before the first render has finished.
    public func servedPage() -> String? {
        let (report, error, generation) = lock.withLock { (self.report, self.error, self.generation) }
        let nonce = ServedPage.makeNonce()
        if let report { return ServedPage.make(report: report, error: error, generation: generation, nonce: nonce) }
        if let error { return ServedPage.errorOnly(error, generation: generation, nonce: nonce) }
        return nil
    }

    /// The last good report exactly as saved: no script, no banner.
    public func savedReport() -> String? { lock.withLock { report } }

    public var currentGeneration: Int { lock.withLock { generation } }

    /// A stream of server-sent-event bytes: a comment at once (so the client sees the stream open),
    /// then `event: reload` after every change, and at once if a change came after `since`.
    public func events(since: Int?) -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.listeners.removeValue(forKey: id) }
        }
        let generation = lock.withLock { () -> Int in
            listeners[id] = continuation
            return self.generation
        }
        continuation.yield(Array("retry: 1000\n: connected\n\n".utf8))
        if let since, since < generation { continuation.yield(Self.reloadEvent(generation)) }
        return stream
    }

    /// A comment to every stream: keeps proxies from timing out and finds connections that closed.
    public func ping() { broadcast(Array(": ping\n\n".utf8)) }

    /// Ends every event stream (the server is stopping).
    public func closeStreams() {
        let all = lock.withLock { () -> [AsyncStream<[UInt8]>.Continuation] in
            defer { listeners = [:] }
            return Array(listeners.values)
        }
        all.forEach { $0.finish() }
    }

    public var listenerCount: Int { lock.withLock { listeners.count } }

    private func change(_ update: (PageStore) -> Void) {
        let generation = lock.withLock { () -> Int in
            update(self)
            self.generation += 1
            return self.generation
        }
        broadcast(Self.reloadEvent(generation))
    }

    private func broadcast(_ bytes: [UInt8]) {
        let all = lock.withLock { Array(listeners.values) }
        all.forEach { $0.yield(bytes) }
    }

    static func reloadEvent(_ generation: Int) -> [UInt8] {
        Array("event: reload\ndata: \(generation)\n\n".utf8)
    }
}
