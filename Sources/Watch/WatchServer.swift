import FlyingFox
import FlyingSocks
import Foundation

/// Serves a PageStore on 127.0.0.1 (never on other interfaces: the page is the user's own work):
///
/// - `GET /` the current page, with the reload script (and the error banner, if any);
/// - `GET /report.html` the last good report exactly as saved, without any script;
/// - `GET /events` server-sent events: `event: reload` after each render.
public final class WatchServer: @unchecked Sendable {
    public let store: PageStore
    private let http: HTTPServer
    private let requestedPort: UInt16
    private var running: Task<Void, Never>?
    private var pinging: Task<Void, Never>?

    public init(store: PageStore, port: UInt16) throws {
        self.store = store
        self.requestedPort = port
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        http = HTTPServer(address: address, logger: .disabled)
    }

    /// Binds and starts serving; returns the port actually bound (the free one chosen for port 0).
    /// Throws `WatchServerError.portInUse` when another program has the port.
    public func start(timeout: TimeInterval = 5) async throws -> UInt16 {
        await addRoutes()
        let failure = FailureBox()
        running = Task { [http] in
            do { try await http.run() } catch { failure.set(error) }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let error = failure.value {
                if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE {
                    throw WatchServerError.portInUse(requestedPort)
                }
                throw WatchServerError.cannotListen(requestedPort, error.localizedDescription)
            }
            if case .ip4(_, let port)? = await http.listeningAddress {
                startPinging()
                return port
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw WatchServerError.cannotListen(requestedPort, "the server did not start within \(Int(timeout)) s")
    }

    /// Closes the event streams, then the listening socket and every connection.
    public func stop() async {
        pinging?.cancel()
        store.closeStreams()
        await http.stop(timeout: 1)
        running?.cancel()
    }

    private func addRoutes() async {
        let store = self.store
        await http.appendRoute("GET /") { _ in
            guard let page = store.servedPage() else { return Self.notReady }
            return Self.html(page)
        }
        await http.appendRoute("GET /report.html") { _ in
            guard let report = store.savedReport() else { return Self.notReady }
            return Self.html(report)
        }
        await http.appendRoute("GET /events") { request in
            let since = request.query["since"].flatMap(Int.init)
            let body = HTTPBodySequence(from: EventStream(chunks: store.events(since: since)))
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/event-stream",
                                                           .cacheControl: "no-cache"], body: body)
        }
    }

    /// Every 15 s, so a stream whose browser tab closed is noticed (the write fails) and dropped.
    private func startPinging() {
        pinging = Task { [store] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 15_000_000_000)
                store.ping()
            }
        }
    }

    private static func html(_ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: Data(text.utf8))
    }

    /// Before the first render has finished; the page retries by itself.
    private static let notReady = HTTPResponse(
        statusCode: .serviceUnavailable,
        headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", HTTPHeader("Retry-After"): "1"],
        body: Data("<!DOCTYPE html><meta http-equiv=\"refresh\" content=\"1\"><p>Rendering…</p>\n".utf8))
}

public enum WatchServerError: Error, CustomStringConvertible, Equatable {
    case portInUse(UInt16)
    case cannotListen(UInt16, String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return "error: port \(port) is in use by another program; pick another with --port N, "
                + "or --port 0 for any free port"
        case .cannotListen(let port, let reason):
            return "error: cannot serve on 127.0.0.1:\(port): \(reason)"
        }
    }
}

/// The server task's error, read by `start` while it waits for the socket to listen.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    var value: Error? { lock.withLock { error } }
    func set(_ error: Error) { lock.withLock { self.error = error } }
}
