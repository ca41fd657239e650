/// Per-frame bookkeeping stored in front of the slots.
struct FrameHeader {
    var count: Int
    /// The frame of the enclosing function (closures capture it), nil for a cell's frame.
    var parent: Frame?
    var returnValue: Value = .void
    /// Set when a closure runs as a builder body: expression statements append here.
    var collected: [Value]?
    /// The next frame in a `FramePool` while this frame waits there for reuse.
    var nextSpare: Unmanaged<Frame>?
}

/// The local variables of one function call (or one cell), resolved to slot indices at compile
/// time. Slots live in the same allocation as the header, so a frame is one allocation, and
/// direct calls reuse the frames of finished calls (`FramePool`), so most calls allocate nothing.
final class Frame: ManagedBuffer<FrameHeader, Value> {
    #if DEBUG
    /// Frames allocated and not yet freed, for tests that check calls do not leak frames.
    nonisolated(unsafe) static var live = 0
    #endif

    /// A frame of `count` empty slots under `parent`.
    static func make(count: Int, parent: Frame?) -> Frame {
        #if DEBUG
        live += 1
        #endif
        let buffer = Frame.create(minimumCapacity: count) { _ in FrameHeader(count: count, parent: parent) }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: .void, count: count) }
        return frame
    }

    /// The slot storage. Valid as long as the frame is alive (the caller holds it).
    @inline(__always) var slots: UnsafeMutablePointer<Value> {
        withUnsafeMutablePointerToElements { $0 }
    }

    /// The header, reached through a pointer: `ManagedBuffer.header` is a stored class property,
    /// so each access through it pays a dynamic exclusivity check (measurable on every call).
    @inline(__always) var state: UnsafeMutablePointer<FrameHeader> {
        withUnsafeMutablePointerToHeader { $0 }
    }

    @inline(__always) var parent: Frame? { state.pointee.parent }

    /// The frame `depth` levels up the chain of enclosing functions.
    @inline(__always) func ancestor(_ depth: Int) -> Frame {
        var f = self
        for _ in 0..<depth {
            guard let p = f.state.pointee.parent else { return f }
            f = p
        }
        return f
    }

    /// Clears a finished call's frame for reuse: releases its values, forgets its parent.
    @inline(__always) func reset() {
        withUnsafeMutablePointers { h, e in
            // Through ValueTeardown, so a value nested a million deep is freed without recursion.
            for i in 0..<h.pointee.count { ValueTeardown.clear(e + i) }
            h.pointee.parent = nil
            h.pointee.returnValue = .void
            h.pointee.collected = nil
        }
    }

    deinit {
        #if DEBUG
        Frame.live -= 1
        #endif
        withUnsafeMutablePointers { h, e in
            for i in 0..<h.pointee.count { ValueTeardown.clear(e + i) }
            withUnsafeMutablePointer(to: &h.pointee.returnValue) { ValueTeardown.clear($0) }
            let collected = h.pointee.collected
            h.pointee.collected = nil
            if let collected { ValueTeardown.release(.array(collected)) }
            _ = e.deinitialize(count: h.pointee.count)
        }
    }
}

/// What a statement tells its enclosing loop or function to do next.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returned
    /// `fallthrough`: the switch runs the next case's body.
    case fallthroughCase
}

/// A compiled expression: run it on a frame to get its value.
typealias Eval = (Frame) throws -> Value
/// A compiled statement: run it on a frame to get how control continues.
typealias Exec = (Frame) throws -> Flow
