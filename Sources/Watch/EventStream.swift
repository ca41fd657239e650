import FlyingFox
import FlyingSocks

/// Adapts a stream of byte chunks to FlyingFox's streamed response body: each chunk is sent (as an
/// HTTP chunk) as soon as it arrives, which is what server-sent events need.
struct EventStream: AsyncBufferedSequence {
    typealias Element = UInt8
    let chunks: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            guard let chunk = try await nextBuffer(suggested: 1) else { return nil }
            return chunk.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                // nil: the stream was finished (server stopping) or the task cancelled.
                guard let chunk = await chunks.next() else { return nil }
                pending = chunk[...]
            }
            let taken = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}
