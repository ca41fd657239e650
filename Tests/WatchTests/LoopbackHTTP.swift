import Foundation

/// A minimal HTTP/1.1 client over a plain socket to 127.0.0.1, for the end-to-end tests: every read
/// waits with `poll` and a deadline, so a server that never answers fails a test instead of hanging it.
/// (URLSession on Linux has no dependable way to read a server-sent-event stream as it arrives.)
final class LoopbackConnection {
    private let descriptor: Int32
    /// Everything read so far, as text.
    private(set) var received = ""

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw LoopbackError("connect to port \(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent,
                                                           Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw LoopbackError("send: \(String(cString: strerror(errno)))") }
            sent += count
        }
    }

    /// Reads until `received` (from `offset` on) contains `needle`, the peer closes, or the deadline.
    @discardableResult
    func read(until needle: String? = nil, from offset: Int = 0, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes: [UInt8] = Array(received.utf8)
        while true {
            if let needle, String(decoding: bytes.dropFirst(offset), as: UTF8.self).contains(needle) { return true }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, 65536, 0) }
            if count <= 0 { return needle == nil }  // closed: done when reading to the end
            bytes += buffer[0..<count]
            received = String(decoding: bytes, as: UTF8.self)
        }
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct HTTPReply {
    var status: Int
    var head: String
    var body: String
}

/// GET `path` with `Connection: close`, reading the reply to its end (at most `timeout` seconds).
func get(_ path: String, port: UInt16, timeout: TimeInterval = 5) throws -> HTTPReply {
    let connection = try LoopbackConnection(port: port)
    try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    guard connection.read(timeout: timeout) else { throw LoopbackError("GET \(path): no complete reply in time") }
    let text = connection.received
    guard let split = text.range(of: "\r\n\r\n") else { throw LoopbackError("GET \(path): no header in '\(text)'") }
    let head = String(text[..<split.lowerBound])
    let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return HTTPReply(status: status, head: head, body: String(text[split.upperBound...]))
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes.
func eventually(timeout: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}
